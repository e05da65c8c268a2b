package io.icebench.plugins.dataloader;

import io.icebench.icecube.DefaultDataset;
import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.load.DataLoader;
import io.icebench.icecube.load.LoaderOptions;
import io.icebench.icecube.read.Dataset;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Timer;
import io.icebench.spi.Yardstick;
import io.icebench.spi.Unit;

import java.util.ArrayList;
import java.util.List;

/**
 * The data loader as a training loop sees it: events read from the dataset's parquet files, collated into batches
 * by worker threads, pulled from a bounded prefetch queue by one consumer. The seed project's first gate.
 *
 * <p>One measurement iteration is one epoch over {@code events} events (all by default); the file cache is warm
 * after the warm-up iterations, so the figures are decode + collate, not disk. Throughput samples are one per
 * iteration; {@code batch_latency} has one sample per batch (the consumer's wait for it), so thresholds can name
 * its p50 or p99.
 */
public final class DataloaderThroughputPlugin implements BenchmarkPlugin {

    public static final String ID = "dataloader-throughput";

    static final Metric EVENTS_PER_SECOND = Metric.higherIsBetter("events_per_second", Unit.of("events/s"),
            "events delivered to the consumer per second over an epoch");
    static final Metric PULSES_PER_SECOND = Metric.higherIsBetter("pulses_per_second", Unit.of("pulses/s"),
            "pulses delivered per second over an epoch");
    static final Metric BATCHES_PER_SECOND = Metric.higherIsBetter("batches_per_second", Unit.of("batches/s"),
            "batches delivered per second over an epoch");
    static final Metric EPOCH_COST = Metric.lowerIsBetter("epoch_cost", Unit.of("sorts"),
            "the CPU time of the threads doing an epoch's work, in units of the yardstick's sort of 500k longs timed"
                    + " in the same JVM: the loader's cost on any machine, busy or quiet").on(Metric.Basis.CPU);
    static final Metric BATCH_LATENCY = Metric.lowerIsBetter("batch_latency", Unit.MILLISECONDS,
            "how long the consumer waited for each batch");

    /** The timer of epochs, counted in events: its CPU time and allocations are the figures a busy machine moves least. */
    static final String EPOCH = "epoch";
    static final String EVENT = "event";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PluginKind kind() {
        return PluginKind.REGRESSION_GATE;
    }

    @Override
    public String description() {
        return "Parquet -> collated batches through worker threads and a prefetch queue, as a training loop pulls them";
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>(List.of(EVENTS_PER_SECOND, PULSES_PER_SECOND, BATCHES_PER_SECOND,
                BATCH_LATENCY, EPOCH_COST));
        metrics.addAll(Timer.metricsOf(EPOCH, EVENT, Timer.Figure.UNITS_PER_SECOND));
        return metrics;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.of("batch_size", ParameterSpec.Type.INT, 32, "events per batch"),
                ParameterSpec.of("workers", ParameterSpec.Type.INT, 4, "collating threads"),
                ParameterSpec.of("prefetch", ParameterSpec.Type.INT, 8, "batches queued ahead of the consumer"),
                ParameterSpec.of("collation", ParameterSpec.Type.STRING, "dom",
                        "dom (grouped by DOM, the T1 input) or continuous"),
                ParameterSpec.of("events", ParameterSpec.Type.LONG, 0, "events per epoch; 0 means the whole dataset"),
                ParameterSpec.of("shuffle", ParameterSpec.Type.BOOLEAN, true,
                        "shuffle files and events within each file (batch-aware sampling)"),
                ParameterSpec.of("read_threads", ParameterSpec.Type.INT, 2, "threads decoding one parquet file"),
                ParameterSpec.warmupIterations(2, "epochs"),
                ParameterSpec.iterations(5, "epochs"),
                ParameterSpec.of("seed", ParameterSpec.Type.LONG, 1, "seed of the shuffle"));
    }

    @Override
    public void validate(Parameters parameters) {
        options(parameters, 0);
        atLeast(parameters.getInt("read_threads"), 1, "read_threads");
        if (parameters.getLong("events") < 0) {
            throw new IllegalArgumentException("parameter 'events' must be 0 (all) or positive, was "
                    + parameters.getLong("events"));
        }
    }

    private static LoaderOptions options(Parameters parameters, int iteration) {
        int batchSize = parameters.getInt("batch_size");
        atLeast(batchSize, 1, "batch_size");
        atLeast(parameters.getInt("workers"), 1, "workers");
        atLeast(parameters.getInt("prefetch"), 1, "prefetch");
        LoaderOptions.Collation collation;
        try {
            collation = LoaderOptions.Collation.parse(parameters.getString("collation"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter " + e.getMessage());
        }
        return new LoaderOptions(batchSize, parameters.getInt("workers"), parameters.getInt("prefetch"), collation,
                parameters.getBoolean("shuffle"), parameters.getLong("seed") + iteration, parameters.getLong("events"));
    }

    private static void atLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException("parameter '" + name + "' must be at least " + minimum + ", was "
                    + value);
        }
    }

    @Override
    public Measurements run(PluginContext context) throws Exception {
        Parameters parameters = context.parameters();
        // A local folder, or a folder on a Hadoop file system: read by the same reader either way.
        java.net.URI folder = DefaultDataset.location(context.datasetLocation());
        Dataset dataset = Dataset.open(folder);
        DatasetSources sources = new DatasetSources(dataset, parameters.getInt("read_threads"));
        if (sources.events() == 0) {
            // An epoch without batches has no latency to report: say why, not "batch_latency without samples".
            throw new IcecubeDataException(dataset.metaLocation(), "meta file has no events for the batch files present"
                    + " (batches " + sources.batchIds() + "), so there is nothing to load; the meta file and the batch"
                    + " files must come from the same dataset, regenerate or copy them together");
        }

        int warmup = parameters.warmupIterations();
        Timer timer = context.timer(EPOCH, EVENT);
        Epochs epochs = new Epochs(timer, parameters.iterations());
        Yardstick.Reading before = Yardstick.sort();
        for (int i = -warmup; i < parameters.iterations() && !context.isCancelled(); i++) {
            // The loader reports each unit of decode (column chunks, on the read-ahead thread and its helpers) and
            // each batch it collates (on its worker) to the sample, on the thread that did it: their CPU time and
            // allocations count in the epoch's, and calibration's injected slowdown slows the decode and collate
            // work itself, where the loader's time goes, not the consumer.
            Timer.Sample sample = i < 0 ? timer.warmup() : timer.start();
            try (DataLoader loader = new DataLoader(sources, options(parameters, i + warmup), sample.worker())) {
                epochs.run(i, loader, sample);
            } finally {
                sample.close();
            }
        }
        Yardstick.Reading after = Yardstick.sort();
        return epochs.measurements(before, after)
                .property("dataset", DefaultDataset.shown(folder))
                .property("files", sources.files())
                .build();
    }
}
