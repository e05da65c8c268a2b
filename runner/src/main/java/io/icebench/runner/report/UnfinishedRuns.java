package io.icebench.runner.report;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code results/.<run-id>.partial/} folders of runs that did not finish (killed, or the machine went down).
 * Each partial folder holds an empty marker file naming the process that owns it and when that process started
 * ({@code .owner-<pid>-<start-millis>}; empty, so it can be created on a full disk). At each run's start the
 * partial folders whose owner is gone are named in one warning, and those not modified for {@link #RETENTION} are
 * removed. A folder whose owner still runs (another runner, at the same time) is never touched.
 */
final class UnfinishedRuns {

    /** How long the folder of a run that did not finish is kept, for a look at what it had written. */
    static final Duration RETENTION = Duration.ofDays(7);
    static final String PREFIX = ".";
    static final String SUFFIX = ".partial";

    private static final Logger LOG = Logger.getLogger(UnfinishedRuns.class);
    private static final String OWNER = ".owner-";
    private static final Pattern OWNER_NAME = Pattern.compile(Pattern.quote(OWNER) + "(\\d+)-(\\d+)");
    /** Process start times are read in clock ticks; the same process may be reported a little apart. */
    private static final long START_TOLERANCE_MILLIS = 2000;

    private UnfinishedRuns() {
    }

    /** Marks {@code partial} as this process's. A marker that cannot be made is a debug line, not a failure. */
    static void claim(Path partial) {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        try {
            Files.createFile(partial.resolve(OWNER + self.pid() + "-" + started));
        } catch (IOException e) {
            LOG.debugf("cannot mark %s as this run's: %s", partial, e.getMessage());
        }
    }

    /** Removes the marker before the folder is published. */
    static void release(Path partial) {
        for (Path marker : markers(partial)) {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                LOG.debugf("cannot remove %s: %s", marker, e.getMessage());
            }
        }
    }

    /** Names the orphaned partial folders under {@code root} and removes those older than {@link #RETENTION}. */
    static void sweep(Path root, Instant now) {
        List<Orphan> orphans = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*" + SUFFIX)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && !ownerRuns(entry)) {
                    orphans.add(new Orphan(entry, Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS)
                            .toInstant()));
                }
            }
        } catch (IOException e) {
            LOG.debugf("cannot look for unfinished runs in %s: %s", root, e.getMessage());
            return;
        }
        orphans.sort(Comparator.comparing(Orphan::modified));
        List<String> removed = new ArrayList<>();
        List<Orphan> kept = new ArrayList<>();
        for (Orphan orphan : orphans) {
            if (Duration.between(orphan.modified(), now).compareTo(RETENTION) > 0 && delete(orphan.folder())) {
                removed.add(orphan.folder().getFileName().toString());
            } else {
                kept.add(orphan);
            }
        }
        if (!removed.isEmpty()) {
            LOG.warnf("removed %d folder(s) of runs that did not finish, untouched for over %d days, from %s: %s",
                    removed.size(), RETENTION.toDays(), root, String.join(", ", removed));
        }
        if (!kept.isEmpty()) {
            Orphan oldest = kept.get(0);
            LOG.warnf("%d folder(s) in %s are left by runs that did not finish (killed or crashed), the oldest %s"
                    + " from %s; each is removed %d days after it was last written, or delete them now",
                    kept.size(), root, oldest.folder().getFileName(), oldest.modified(), RETENTION.toDays());
        }
    }

    /** Whether the process that made the folder still runs; without a marker (an older runner), it does not. */
    private static boolean ownerRuns(Path partial) {
        for (Path marker : markers(partial)) {
            Matcher m = OWNER_NAME.matcher(marker.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            long started = Long.parseLong(m.group(2));
            Optional<ProcessHandle> owner = ProcessHandle.of(Long.parseLong(m.group(1)));
            // A pid is reused after its process ends: the start time tells the owner from a newcomer.
            return owner.filter(ProcessHandle::isAlive).map(handle -> handle.info().startInstant()
                    .map(start -> started == 0 || Math.abs(start.toEpochMilli() - started) <= START_TOLERANCE_MILLIS)
                    .orElse(true)).orElse(false);
        }
        return false;
    }

    private static List<Path> markers(Path partial) {
        List<Path> markers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(partial, OWNER + "*")) {
            entries.forEach(markers::add);
        } catch (IOException e) {
            LOG.debugf("cannot read %s: %s", partial, e.getMessage());
        }
        return markers;
    }

    private static boolean delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
            return true;
        } catch (IOException e) {
            LOG.warnf("could not remove %s, left by a run that did not finish: %s", folder, e.getMessage());
            return false;
        }
    }

    private record Orphan(Path folder, Instant modified) {
    }
}
