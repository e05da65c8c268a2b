package io.icebench.runner.cli;

import io.icebench.runner.config.ConfigLoader;
import io.icebench.runner.config.RunConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** {@code --config FILE}: the YAML configuration, read as a run reads it. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration (default: config/icebench.yaml when it exists).")
    Path file;

    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The configuration; a mistake in it is a {@code UsageException} (exit 2), as for a run. */
    RunConfig load(Path base) {
        return ConfigLoader.load(file(), base);
    }
}
