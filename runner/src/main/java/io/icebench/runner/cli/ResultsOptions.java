package io.icebench.runner.cli;

import io.icebench.runner.config.RunConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --config FILE} and {@code --results-dir DIR}: the commands that read or write run folders (a run,
 * {@code import-jmh}, {@code baseline save}, {@code compare}) find them the same way.
 */
public final class ResultsOptions {

    @Mixin
    ConfigOption config;

    @Option(names = "--results-dir", paramLabel = "DIR",
            description = "Where run folders are (default: icebench.results-dir, else results).")
    Path resultsDir;

    Optional<Path> configFile() {
        return config.file();
    }

    Optional<Path> resultsDir() {
        return Optional.ofNullable(resultsDir);
    }

    RunConfig load(Path base) {
        return config.load(base);
    }

    /** The results folder: {@code --results-dir} against {@code base}, else the configuration's. */
    Path resultsFolder(Path base, RunConfig loaded) {
        return resultsDir().map(base::resolve).orElse(loaded.resultsDir());
    }

    /** As {@link #resultsFolder(Path, RunConfig)}, reading the configuration only when there is no --results-dir. */
    Path resultsFolder(Path base) {
        return resultsDir().map(base::resolve).orElseGet(() -> load(base).resultsDir());
    }
}
