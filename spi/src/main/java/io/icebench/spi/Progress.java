package io.icebench.spi;

/**
 * Progress of one long task of a plugin (files read, configurations measured), shown by the runner as a progress bar
 * with an ETA on a terminal and as periodic log lines otherwise. Obtained from {@link PluginContext#progress}; close
 * it when the task ends (try-with-resources). Implementations are thread-safe.
 *
 * @since SPI 1.2
 */
public interface Progress extends AutoCloseable {

    /** A progress that shows nothing: the default of contexts that do not show progress. */
    Progress NONE = new Progress() {
        @Override
        public void step(long units) {
        }

        @Override
        public void close() {
        }
    };

    /** Records that {@code units} more units of the task's total are done. */
    void step(long units);

    /** Records one more unit done. */
    default void step() {
        step(1);
    }

    /** Ends the task: the bar completes, or a final log line is written. Idempotent. */
    @Override
    void close();
}
