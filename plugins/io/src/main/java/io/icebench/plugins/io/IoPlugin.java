package io.icebench.plugins.io;

import io.icebench.icecube.read.Dataset;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The I/O deep dive: how fast this project's parquet reader gets pulses off disk, measured against the physical
 * limit (a raw sequential read of the same bytes) and a reference reader (DuckDB), cold and warm, in one run; how
 * projection and threads change it; what loading every batch in turn costs in memory; and what the data itself
 * looks like (pulses per event, DOMs per event). Writes PNG plots and {@code io-report.md} into its output folder.
 *
 * <p>On a dataset on a Hadoop file system ({@code --dataset hdfs://...}, {@code s3a://...}) it runs
 * {@link RemoteReads} instead: throughput per file and per column chunk, the bytes fetched against the bytes the
 * projection needs, and the ratio to a raw {@code FileSystem} read of the same file.
 *
 * <p>Cold means verified out of the page cache: each cold read is preceded by an eviction that {@code fincore}
 * confirms. A read whose eviction cannot be confirmed is labelled a warm read, never reported as cold.
 */
public final class IoPlugin implements BenchmarkPlugin {

    public static final String ID = "io";

    static final String MAX_FILES = "max_files";
    static final String REPETITIONS = "repetitions";
    static final String THREADS = "threads";
    static final String COLD = "cold";
    static final String DUCKDB = "duckdb";
    static final String HISTOGRAM_BINS = "histogram_bins";

    /** Above any machine's core count; a sweep this long is a typo. */
    static final int MAX_THREADS = 1024;

    private final Evictor evictor;

    public IoPlugin() {
        this(new CoreutilsEvictor());
    }

    /** With another way of emptying the page cache: tests use one that fails, to see the warm label. */
    IoPlugin(Evictor evictor) {
        this.evictor = Objects.requireNonNull(evictor, "evictor");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PluginKind kind() {
        return PluginKind.EXPLORATORY;
    }

    @Override
    public String description() {
        return "I/O deep dive: our reader cold and warm vs the raw-read limit and DuckDB, projection, threads, "
                + "streaming memory, pulses-per-event tail";
    }

    @Override
    public List<Metric> metrics() {
        return IoMetrics.ALL;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.of(MAX_FILES, ParameterSpec.Type.INT, 3,
                        "batch files measured (the first ones by id) for reads, projection, threads and DOM stats"),
                ParameterSpec.of(REPETITIONS, ParameterSpec.Type.INT, 5,
                        "timed runs per figure after one warm-up; the figure is their median"),
                ParameterSpec.of(THREADS, ParameterSpec.Type.INT, 0,
                        "most threads in the scaling sweep 1..N; 0 means the available processors (at least 2)"),
                ParameterSpec.of(COLD, ParameterSpec.Type.BOOLEAN, true,
                        "also read after evicting each file from the page cache (fsync, dd nocache, fincore check)"),
                ParameterSpec.of(DUCKDB, ParameterSpec.Type.BOOLEAN, true,
                        "scan the same files with DuckDB as the reference reader"),
                ParameterSpec.of(HISTOGRAM_BINS, ParameterSpec.Type.INT, 30,
                        "log-spaced bins of the pulses-per-event histogram"));
    }

    @Override
    public void validate(Parameters parameters) {
        inRange(parameters, MAX_FILES, 1, Integer.MAX_VALUE, "1 or more");
        inRange(parameters, REPETITIONS, 1, Integer.MAX_VALUE, "1 or more");
        inRange(parameters, THREADS, 0, MAX_THREADS, "0 (the available processors) to " + MAX_THREADS);
        inRange(parameters, HISTOGRAM_BINS, 5, Integer.MAX_VALUE, "5 or more");
    }

    private static void inRange(Parameters parameters, String name, int min, int max, String accepted) {
        int value = parameters.getInt(name);
        if (value < min || value > max) {
            throw new IllegalArgumentException("parameter '" + name + "' has value '" + value + "'; accepted: "
                    + accepted);
        }
    }

    @Override
    public Measurements run(PluginContext context) throws Exception {
        validate(context.parameters());
        Optional<URI> remote = context.datasetLocation().filter(location -> !Dataset.isLocal(location));
        if (remote.isPresent()) {
            return new RemoteReads(context, remote.get()).run();
        }
        return new IoStudy(context, evictor).run();
    }
}
