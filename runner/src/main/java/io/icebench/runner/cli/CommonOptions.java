package io.icebench.runner.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** Options every command takes. */
public final class CommonOptions {

    @Option(names = "--plugin-path", paramLabel = "DIR",
            description = "Folder of drop-in plugin jars (each jar, or each sub-folder of jars, gets its own class loader).")
    Path pluginPath;

    @Option(names = {"-v", Verbosity.OPTION}, description = "Log at DEBUG level (same as LOGLEVEL=DEBUG).")
    boolean verbose;

    Optional<Path> pluginPath() {
        return Optional.ofNullable(pluginPath);
    }

    /**
     * Raises icebench's log level when asked. The command line's execution strategy ({@link Verbosity}) already
     * did, for every command, before the command ran: calling this again changes nothing.
     */
    void applyLogLevel() {
        if (verbose) {
            Verbosity.raise();
        }
    }
}
