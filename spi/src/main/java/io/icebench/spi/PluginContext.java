package io.icebench.spi;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the runner hands a plugin for one run. Implemented by the runner (and by test kits); plugins only call it.
 */
public interface PluginContext {

    /** The plugin's parameters, checked against its declared {@link ParameterSpec}s. */
    Parameters parameters();

    /**
     * The dataset folder in the Kaggle layout the run was given ({@code --dataset} or configuration); empty when none
     * was configured, in which case a plugin that needs data uses the embedded default.
     */
    Optional<Path> dataset();

    /**
     * Where the dataset the run was given lives, as a URI: {@code file:} for a local folder (the same folder as
     * {@link #dataset()}), or a Hadoop file system's ({@code hdfs://namenode:8020/data/icecube}, {@code s3a://...}).
     * Empty when none was configured. A plugin that reads data through the icecube library passes it to
     * {@code Dataset.open(URI)}; for a remote dataset {@link #dataset()} is empty and this is the only way to it.
     *
     * @since SPI 1.4
     */
    default Optional<java.net.URI> datasetLocation() {
        return dataset().map(Path::toUri);
    }

    /**
     * A folder of this plugin's own inside the run's results, for files the runner's report formats do not cover
     * (raw dumps, plots). Created on first call. It becomes visible under {@code results/<run-id>/} only when the run
     * completes, so a plugin never needs to write atomically itself.
     */
    Path outputDirectory();

    /** A logger named after the plugin; routed to the runner's logging. */
    System.Logger logger();

    /**
     * Whether the runner has given up on this run (timeout or shutdown). Long loops should check it between
     * iterations and return; the runner also interrupts the plugin's thread.
     */
    boolean isCancelled();

    /**
     * Starts showing the progress of a long task of {@code total} units ({@code total <= 0}: unknown). Exploratory
     * plugins use it for work that takes more than a few seconds; gates rarely need it.
     *
     * @since SPI 1.2
     */
    default Progress progress(String task, long total) {
        return Progress.NONE;
    }

    /**
     * A timer for the regions of measured work named {@code name}, whose work is counted in {@code unit}s (singular,
     * such as {@code event}; null for none). Each call returns a new timer; a plugin reports its
     * {@link Timer#measurements()}. The runner's timers carry calibration's injected slowdown.
     *
     * @since SPI 1.3
     */
    default Timer timer(String name, String unit) {
        return Timer.of(name, unit);
    }

    /**
     * Called by a plugin right after each timed unit of its measured work, <em>inside</em> the timed region, with the
     * unit's elapsed time. Normally it returns at once. During {@code runner calibrate --inject-slowdown P%} the
     * runner busy-spins on the calling thread for P% of {@code elapsedNanos}, so the measured work really becomes
     * that much slower and the calibration can count how often the gate detects it. Gates should call it once per
     * sample (or per unit that makes up a sample).
     *
     * <p>It may be called from any thread that does measured work, concurrently: since it spins the calling
     * thread, a gate whose work runs on threads of its own (a loader's decode and collate threads, say) calls it
     * on those threads, after each of their units, rather than once on the thread that collects the results;
     * otherwise the slowdown lands on the collector while the measured work runs on unslowed.
     *
     * @since SPI 1.2
     * @deprecated since SPI 1.3: time through {@link #timer}, whose samples apply the slowdown themselves (and
     *             {@link Timer.Sample#workDone} on worker threads). Still honoured for plugins built against 1.2.
     */
    @Deprecated
    default void afterTimedWork(long elapsedNanos) {
    }
}
