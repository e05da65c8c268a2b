package io.icebench.spi;

import java.time.Duration;
import java.util.List;

/**
 * A benchmark: found by {@link java.util.ServiceLoader}, so an implementation needs a public no-argument
 * constructor and a line in {@code META-INF/services/io.icebench.spi.BenchmarkPlugin}.
 *
 * <p>A plugin measures; it does not decide pass or fail, write the runner's report formats, or exit. The runner
 * computes statistics from the raw samples and compares them with the thresholds the configuration gives.
 *
 * <p>Implementations must be stateless between runs: the runner may call {@link #run} more than once (to confirm a
 * regression, say) and from a thread of its own.
 */
public interface BenchmarkPlugin {

    /**
     * Stable identifier used on the command line and in configuration: lower case letters, digits and dashes,
     * such as {@code dom-packing}.
     */
    String id();

    /** Whether this is a regression gate or an exploratory study. */
    PluginKind kind();

    /**
     * The contract version the plugin was compiled against. A plugin jar implements it as
     * {@code return Spi.VERSION;}: the constant is inlined into the plugin's class when it is compiled, which is how
     * the runner detects a plugin built for another contract.
     *
     * <p>This default is for the runner's built-in plugins only. Its body lives in the SPI jar, so it reports the
     * contract the runner <em>runs</em> with, which is the one a plugin was built against only when the plugin is
     * built in the same build as the runner. The runner therefore refuses a plugin jar whose class does not declare
     * this method itself ({@link Spi} explains the rule).
     *
     * @since SPI 1.5 a default method; abstract before
     */
    default String spiVersion() {
        return Spi.VERSION;
    }

    /**
     * Runs the benchmark once and returns its raw samples.
     *
     * @throws Exception any failure; the runner turns it into a failed result for this plugin and goes on
     */
    Measurements run(PluginContext context) throws Exception;

    /** One line for {@code list} and reports. */
    default String description() {
        return "";
    }

    /**
     * The metrics {@link #run} reports. Declaring them lets the runner reject a threshold on a metric the plugin
     * does not produce before anything runs; an empty list means "not declared", and such thresholds are then
     * checked only against the results.
     */
    default List<Metric> metrics() {
        return List.of();
    }

    /** The parameters this plugin accepts; configuration keys outside this list are rejected at start. */
    default List<ParameterSpec> parameters() {
        return List.of();
    }

    /**
     * Checks parameter values beyond their types (a batch size of 0, say) before anything runs. Called once per
     * run, before {@link #run}.
     *
     * @throws IllegalArgumentException with one line naming the parameter, the value and what is accepted; the
     *                                  runner reports it as a configuration error (exit 2)
     * @since SPI 1.1
     */
    default void validate(Parameters parameters) {
    }

    /** How long one run may take unless the configuration says otherwise. */
    default Duration defaultTimeout() {
        return kind() == PluginKind.REGRESSION_GATE ? Duration.ofMinutes(2) : Duration.ofMinutes(60);
    }
}
