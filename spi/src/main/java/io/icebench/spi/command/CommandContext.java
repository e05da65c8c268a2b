package io.icebench.spi.command;

import io.icebench.spi.Progress;

/**
 * What the runner lends a {@link CommandProvider}'s command: its progress display and its way of reporting a user's
 * mistake. Implemented by the runner.
 *
 * @since SPI 1.5
 */
public interface CommandContext {

    /**
     * Starts showing the progress of a long task of {@code total} units, as the runner shows its own: a bar on a
     * terminal, occasional log lines otherwise.
     */
    Progress progress(String task, long total);

    /**
     * An exception for the command to throw when the user asked for something it cannot do (a folder that is not
     * empty, an option out of range): the runner prints {@code message} as one line and exits 2. The message names
     * the problem and the fix.
     */
    RuntimeException usageError(String message);
}
