package io.icebench.runner.report;

import io.icebench.spi.ReportOutput;
import org.jboss.logging.Logger;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A run's folder under {@code results/}. Everything is written into {@code .<run-id>.partial/} and the folder is
 * renamed to {@code <run-id>/} when the run is complete, so an interrupted run never leaves a folder that looks
 * finished; then {@code results/latest} is pointed at it (a symbolic link, replaced atomically).
 */
public final class ResultsFolder implements ReportOutput {

    private static final Logger LOG = Logger.getLogger(ResultsFolder.class);
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    public static final String LATEST = "latest";

    private final Path root;
    private final String runId;
    private final Path partial;

    private ResultsFolder(Path root, String runId, Path partial) {
        this.root = root;
        this.runId = runId;
        this.partial = partial;
    }

    /**
     * Creates the partial folder, marked as this process's; first names the partial folders that runs which did
     * not finish left behind, and removes those older than {@link UnfinishedRuns#RETENTION}.
     *
     * @throws IOException when the results folder cannot be created or written
     */
    public static ResultsFolder create(Path root, String runId) throws IOException {
        Files.createDirectories(root);
        UnfinishedRuns.sweep(root, Instant.now());
        Path partial = root.resolve(UnfinishedRuns.PREFIX + runId + UnfinishedRuns.SUFFIX);
        Files.createDirectory(partial);
        UnfinishedRuns.claim(partial);
        return new ResultsFolder(root, runId, partial);
    }

    /** The folder a plugin's own files go in; created by the plugin's context on first use. */
    public Path pluginFolder(String pluginId) {
        return partial.resolve("plugins").resolve(pluginId);
    }

    /**
     * The files a plugin wrote into its folder, relative to the run folder ({@code plugins/<id>/x.png}), sorted;
     * empty when it wrote nothing. The paths stay valid after {@link #publish()}, which renames the run folder.
     */
    public java.util.List<String> filesOf(String pluginId) {
        Path folder = pluginFolder(pluginId);
        if (!Files.isDirectory(folder)) {
            return java.util.List.of();
        }
        try (var paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> partial.relativize(path).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            LOG.warnf("cannot list the files of %s: %s", folder, e.getMessage());
            return java.util.List.of();
        }
    }

    /**
     * Writes one file through a temporary file, forced to disk, and a rename; a writer that fails leaves nothing
     * behind. Every write error fails the file, also one the writer did not see: a {@link java.io.PrintStream}
     * swallows them, so the stream handed to the writer remembers the first and it is thrown here.
     */
    @Override
    public void write(String fileName, Content content) throws IOException {
        if (!FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("report file name '" + fileName + "' must be a plain file name");
        }
        Path target = partial.resolve(fileName);
        Path temp = partial.resolve("." + fileName + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                CheckedStream out = new CheckedStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
                try {
                    content.writeTo(out);
                    out.flush();
                } catch (IOException e) {
                    throw out.failure().map(first -> withFile(fileName, first, e)).orElse(e);
                }
                if (out.failure().isPresent()) {
                    throw withFile(fileName, out.failure().get(), null);
                }
                channel.force(true);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static IOException withFile(String fileName, IOException first, IOException reported) {
        IOException failure = new IOException("cannot write " + fileName + ": " + first.getMessage(), first);
        if (reported != null && reported != first) {
            failure.addSuppressed(reported);
        }
        return failure;
    }

    /** A step that writes into the run folder, such as one report writer's. */
    @FunctionalInterface
    public interface IoAction {
        void run() throws IOException;
    }

    /**
     * Runs one writer so that it leaves all its files or none: when {@code action} throws, every file it created in
     * the run folder is removed and the exception is thrown on.
     *
     * @param writerId the writer, for the log
     * @return the files it created, by name, sorted
     */
    public List<String> attempt(String writerId, IoAction action) throws IOException {
        Set<String> before = topLevelFiles();
        try {
            action.run();
        } catch (IOException | RuntimeException | Error e) {
            List<String> created = created(before);
            discard(created);
            LOG.debugf("report writer '%s' failed; removed the files it had written: %s", writerId, created);
            throw e;
        }
        return created(before);
    }

    /** Removes files from the run folder, by name: those of a writer whose second pass failed. */
    public void discard(Collection<String> fileNames) {
        for (String name : fileNames) {
            try {
                Files.deleteIfExists(partial.resolve(name));
            } catch (IOException e) {
                LOG.warnf("could not remove %s: %s", partial.resolve(name), e.getMessage());
            }
        }
    }

    private List<String> created(Set<String> before) throws IOException {
        Set<String> now = new TreeSet<>(topLevelFiles());
        now.removeAll(before);
        return List.copyOf(now);
    }

    /** Report files are plain names at the folder's top; plugins' own files are below {@code plugins/}. */
    private Set<String> topLevelFiles() throws IOException {
        try (var paths = Files.list(partial)) {
            return paths.filter(Files::isRegularFile).map(path -> path.getFileName().toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * Publishes the run: renames the partial folder to {@code <run-id>/} and points {@code latest} at it.
     *
     * @return the published folder
     */
    public Path publish() throws IOException {
        return publish(List.of());
    }

    /**
     * Publishes the run, and points {@code latest} at it only when the folder holds every one of {@code required}
     * (such as {@code results.json}, which {@code --baseline latest} and {@code compare latest} read): a run whose
     * writers failed on a full disk is kept, but {@code latest} stays on the previous run, and one line says so.
     *
     * @return the published folder
     */
    public Path publish(Collection<String> required) throws IOException {
        Path done = root.resolve(runId);
        List<String> missing = required.stream().filter(name -> !Files.isRegularFile(partial.resolve(name)))
                .toList();
        UnfinishedRuns.release(partial);
        move(partial, done);
        if (missing.isEmpty()) {
            pointLatestAt(done);
        } else {
            String kept = latest(root).map(previous -> "still points at run " + previous.getFileName())
                    .orElse("was not set");
            LOG.warnf("%s %s: this run's folder %s has no %s (its writer failed), so it cannot be a baseline; fix"
                    + " the cause above and run again", root.resolve(LATEST), kept, done, String.join(", ", missing));
        }
        return done;
    }

    private void pointLatestAt(Path done) {
        Path latest = root.resolve(LATEST);
        Path temp = root.resolve("." + LATEST + "." + runId + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, done.getFileName());
            Files.move(temp, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // File systems without symbolic links: a one-line file naming the run instead.
            try {
                Files.deleteIfExists(temp);
                Path text = root.resolve(LATEST + ".txt");
                Path textTemp = root.resolve("." + LATEST + ".txt." + runId + ".tmp");
                Files.writeString(textTemp, runId + "\n");
                move(textTemp, text);
            } catch (IOException second) {
                LOG.warnf("could not update %s: %s", latest, second.getMessage());
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Resolves {@code results/latest} to the run folder it names, if any. */
    public static java.util.Optional<Path> latest(Path root) {
        Path link = root.resolve(LATEST);
        if (Files.isDirectory(link)) {
            try {
                return java.util.Optional.of(link.toRealPath());
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        }
        try {
            Path text = root.resolve(LATEST + ".txt");
            if (Files.isRegularFile(text)) {
                return java.util.Optional.of(root.resolve(Files.readString(text).trim()));
            }
        } catch (IOException e) {
            LOG.debugf("cannot read %s: %s", root.resolve(LATEST + ".txt"), e.getMessage());
        }
        return java.util.Optional.empty();
    }
}
