package io.icebench.runner.baseline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.icebench.runner.UsageException;
import io.icebench.runner.report.ResultsFolder;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Saved baselines, {@code results/baselines/<name>.json}, and how {@code --baseline} and {@code compare}'s
 * arguments are found.
 */
public final class Baselines {

    public static final String FOLDER = "baselines";
    public static final String SCHEMA = "icebench-baseline";
    public static final String LATEST = "latest";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A baseline found: how it was asked for, where it was read from, and its samples. */
    public record Resolved(String name, String source, RunSamples samples) {
    }

    private Baselines() {
    }

    public static Path file(Path resultsDir, String name) {
        return resultsDir.resolve(FOLDER).resolve(name + ".json");
    }

    /**
     * Saves a run as the baseline {@code name}: written to a temporary file and renamed, so a reader never sees
     * half a baseline.
     *
     * @return the baseline file
     */
    public static Path save(Path resultsDir, String name, RunSamples run) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new UsageException("baseline name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        Path target = file(resultsDir, name);
        Files.createDirectories(target.getParent());
        ObjectNode json = run.toJson(SCHEMA);
        json.put("name", name);
        json.put("savedAt", Instant.now().toString());
        Path temp = newTemporaryFile(target.getParent(), "." + name + ".", ".tmp");
        try {
            Files.writeString(temp, RunSamples.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /**
     * A new, empty file with a unique name in {@code folder}, created with the permissions the user's umask gives
     * any new file. {@link Files#createTempFile} would make it 0600, and the rename would keep that: a baseline
     * shared in a results folder (on a CI cache, say) would be unreadable to everyone else, and it holds nothing
     * secret, only samples and the machine's fingerprint, as results.json beside it does.
     */
    static Path newTemporaryFile(Path folder, String prefix, String suffix) throws IOException {
        while (true) {
            Path candidate = folder.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException taken) {
                // another writer's: draw again
            }
        }
    }

    /**
     * What {@code --baseline} names: {@code latest} (the newest run in the history, which does not hold the current
     * run yet), a saved baseline's name, or a file (a results.json or a baseline file).
     *
     * @throws UsageException naming it when it cannot be found or read
     */
    public static Resolved resolveBaseline(Path resultsDir, String spec, Path base) {
        String what = "--baseline " + spec;
        if (spec.equals(LATEST)) {
            RunSamples latest;
            try {
                latest = History.latest(resultsDir).orElseThrow(() -> new UsageException("--baseline"
                        + " latest: there is no earlier run in " + History.file(resultsDir) + "; run once first, or"
                        + " name a saved baseline or a file"));
            } catch (IOException e) {
                throw unreadable(what, History.file(resultsDir), e, "name a saved baseline or a results.json"
                        + " instead");
            }
            return new Resolved(LATEST, History.file(resultsDir).toString(), latest);
        }
        if (NAME.matcher(spec).matches() && isRegularFile(what, file(resultsDir, spec))) {
            Path file = file(resultsDir, spec);
            return new Resolved(spec, file.toString(), read(what, file, "save it again with 'runner baseline save"
                    + " --name " + spec + "' (or restore it from a copy)"));
        }
        Path file = base.resolve(spec);
        if (isRegularFile(what, file)) {
            return new Resolved(spec, file.toString(), read(what, file, "point --baseline at an intact results.json"
                    + " or baseline file"));
        }
        throw new UsageException("baseline '" + spec + "' not found: no saved baseline " + file(resultsDir, spec)
                + " and no such file; save one with 'runner baseline save --name " + spec + "', or pass latest or"
                + " the path of a results.json");
    }

    /**
     * Whether {@code file} is a regular file; unlike {@link Files#isRegularFile}, a folder on the way that this user
     * may not enter is said to be one, rather than read as "not found".
     */
    private static boolean isRegularFile(String what, Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).isRegularFile();
        } catch (AccessDeniedException e) {
            Path folder = file.toAbsolutePath().getParent();
            throw new UsageException(what + ": permission denied looking for '" + file + "': this user may not"
                    + " enter '" + folder + "'; make it readable (chmod a+rx '" + folder + "', or ask its owner)");
        } catch (IOException e) {
            return false;
        }
    }

    /** The samples of {@code file}, or a one-line usage error naming it, what is wrong, and {@code fix}. */
    private static RunSamples read(String what, Path file, String fix) {
        try {
            return RunSamples.read(file);
        } catch (IOException e) {
            throw unreadable(what, file, e, fix);
        }
    }

    private static UsageException unreadable(String what, Path file, IOException e, String fix) {
        if (e instanceof AccessDeniedException) {
            return new UsageException(what + ": permission denied reading '" + file + "'; make it readable to this"
                    + " user (chmod a+r '" + file + "', or ask its owner), or " + fix);
        }
        if (e instanceof NoSuchFileException) {
            return new UsageException(what + ": '" + file + "' disappeared while it was read; " + fix);
        }
        String problem = e.getMessage() != null && e.getMessage().contains(file.toString()) ? e.getMessage()
                : "'" + file + "' cannot be read: " + e;
        return new UsageException(what + ": " + problem + "; " + fix);
    }

    /**
     * A run for {@code compare} and {@code baseline save}: {@code latest} (the run {@code results/latest} points at),
     * a run id (a folder under the results folder), or a results.json or baseline file.
     *
     * @throws UsageException naming it when it cannot be found or read
     */
    public static Resolved resolveRun(Path resultsDir, String spec, Path base) {
        Path file;
        if (spec.equals(LATEST)) {
            file = ResultsFolder.latest(resultsDir).map(run -> run.resolve("results.json")).orElseThrow(() ->
                    new UsageException("there is no latest run under " + resultsDir + "; run once first"));
        } else if (NAME.matcher(spec).matches() && Files.isDirectory(resultsDir.resolve(spec))) {
            file = resultsDir.resolve(spec).resolve("results.json");
        } else {
            file = base.resolve(spec);
            if (Files.isDirectory(file)) {
                file = file.resolve("results.json");
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("run '" + spec + "' not found: no " + file + "; name a run id (a folder under "
                    + resultsDir + "), latest, or a results.json (the json report writer must have been enabled)");
        }
        return new Resolved(spec, file.toString(), read("run '" + spec + "'", file, "name another run, or"
                + " restore that file from a copy"));
    }
}
