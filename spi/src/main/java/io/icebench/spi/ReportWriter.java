package io.icebench.spi;

import java.io.IOException;

/**
 * Writes a finished run in one format. Found by {@link java.util.ServiceLoader} like plugins
 * ({@code META-INF/services/io.icebench.spi.ReportWriter}) and selected by {@link #id()} in the configuration.
 *
 * <p>Called once per run, after every plugin has finished, also when plugins failed. A writer that throws is
 * reported and the other writers still run.
 */
public interface ReportWriter {

    /** Stable identifier used under {@code reports:} in the configuration, such as {@code json}. */
    String id();

    /**
     * The contract version the writer was compiled against. A writer in a plugin jar implements it as
     * {@code return Spi.VERSION;}, inlined at compile time; the default, which reports the runner's own contract,
     * serves the built-in writers only, as {@link BenchmarkPlugin#spiVersion()} explains.
     *
     * @since SPI 1.5 a default method; abstract before
     */
    default String spiVersion() {
        return Spi.VERSION;
    }

    /** Writes the report through {@code output}, which makes every file appear atomically. */
    void write(RunReport report, ReportOutput output) throws IOException;

    /** One line for {@code list}. */
    default String description() {
        return "";
    }
}
