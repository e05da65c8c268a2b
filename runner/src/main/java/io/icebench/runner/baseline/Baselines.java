package io.icebench.runner.baseline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.icebench.runner.UsageException;
import io.icebench.runner.report.ResultsFolder;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        Path temp = Files.createTempFile(target.getParent(), "." + name + ".", ".tmp");
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
     * What {@code --baseline} names: {@code latest} (the newest run in the history, which does not hold the current
     * run yet), a saved baseline's name, or a file (a results.json or a baseline file).
     *
     * @throws UsageException naming it when it cannot be found or read
     */
    public static Resolved resolveBaseline(Path resultsDir, String spec, Path base) {
        try {
            if (spec.equals(LATEST)) {
                RunSamples latest = History.latest(resultsDir).orElseThrow(() -> new UsageException("--baseline"
                        + " latest: there is no earlier run in " + History.file(resultsDir) + "; run once first, or"
                        + " name a saved baseline or a file"));
                return new Resolved(LATEST, History.file(resultsDir).toString(), latest);
            }
            if (NAME.matcher(spec).matches() && Files.isRegularFile(file(resultsDir, spec))) {
                Path file = file(resultsDir, spec);
                return new Resolved(spec, file.toString(), RunSamples.read(file));
            }
            Path file = base.resolve(spec);
            if (Files.isRegularFile(file)) {
                return new Resolved(spec, file.toString(), RunSamples.read(file));
            }
        } catch (IOException e) {
            throw new UsageException("--baseline " + spec + ": cannot be read: " + e.getMessage());
        }
        throw new UsageException("baseline '" + spec + "' not found: no saved baseline " + file(resultsDir, spec)
                + " and no such file; save one with 'runner baseline save --name " + spec + "', or pass latest or"
                + " the path of a results.json");
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
        try {
            return new Resolved(spec, file.toString(), RunSamples.read(file));
        } catch (IOException e) {
            throw new UsageException("run '" + spec + "': " + e.getMessage());
        }
    }
}
