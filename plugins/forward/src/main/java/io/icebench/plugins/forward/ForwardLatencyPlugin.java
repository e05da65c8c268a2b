package io.icebench.plugins.forward;

import io.icebench.icecube.Column;
import io.icebench.icecube.DefaultDataset;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.collate.Collator;
import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.collate.EventSource;
import io.icebench.icecube.read.Dataset;
import io.icebench.model.AttentionStrategy;
import io.icebench.model.T1Config;
import io.icebench.model.T1Model;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Timer;
import io.icebench.spi.Unit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One T1 forward pass on a batch of events, timed after warm-up, beside the engine's own fp32 matrix-multiply rate
 * measured in the same run with the same threads: the ratio says how much of the machine the model uses.
 *
 * <p>Events are taken in file order from the dataset (the default one when none is configured), {@code batch_size}
 * at a time, and collated by DOM before timing starts: the samples are the model alone. One sample per measured
 * batch for latency, throughputs and achieved GFLOP/s (FLOPs from the shapes, see {@link T1Model}). The measured
 * batches are run {@code passes} times in the same order; {@code pass_time} has one sample per pass. Per-batch
 * latencies spread with the batches' content (a 32-event batch of small events against one holding an extreme
 * event), which hides a 10% regression; a pass is the same work every time, so a relative threshold belongs on it.
 */
public final class ForwardLatencyPlugin implements BenchmarkPlugin {

    public static final String ID = "forward-latency";

    static final Metric FORWARD_LATENCY = Metric.lowerIsBetter("forward_latency", Unit.MILLISECONDS,
            "one T1 forward pass on a batch");
    static final Metric PASS_TIME = Metric.lowerIsBetter("pass_time", Unit.MILLISECONDS,
            "one pass over the same measured batches: identical work in every sample, so its spread is noise alone;"
                    + " what max_regression should compare");
    static final Metric PULSES_PER_SECOND = Metric.higherIsBetter("pulses_per_second", Unit.of("pulses/s"),
            "pulses through the model per second, per batch");
    static final Metric DOMS_PER_SECOND = Metric.higherIsBetter("doms_per_second", Unit.of("doms/s"),
            "DOM embeddings per second, per batch");
    static final Metric ACHIEVED_GFLOPS = Metric.higherIsBetter("achieved_gflops", Unit.of("GFLOP/s"),
            "the forward pass's FLOPs (from the shapes) over its time, per batch");
    static final Metric MATMUL_GFLOPS = Metric.higherIsBetter("matmul_gflops", Unit.of("GFLOP/s"),
            "the engine's fp32 1024x1024 matrix multiply with the same threads");
    static final Metric ACHIEVED_OVER_MATMUL = Metric.higherIsBetter("achieved_over_matmul", Unit.RATIO,
            "a pass's achieved GFLOP/s over the engine's matmul GFLOP/s measured right after it, with the same"
                    + " threads: the share of the machine the model gets out of it, whatever the machine");
    static final Metric PASS_COST = Metric.lowerIsBetter("pass_cost", Unit.of("matmuls"),
            "the CPU time of one pass on one intra-op thread, in units of the engine's 1024x1024 matmul on one"
                    + " thread timed right after it: the model's cost on any machine, busy or quiet")
            .on(Metric.Basis.CPU);
    static final Metric PEAK_RSS = Metric.lowerIsBetter("peak_rss", Unit.MEBIBYTES,
            "the process's peak resident set (VmHWM) after the run");

    static final int MATMUL_SIZE = 1024;
    /** Matmul samples after each measured pass; the pass's ratio uses their median. */
    static final int MATMUL_SAMPLES_PER_PASS = 3;
    /** The timer of passes, counted in batches: its CPU time is the figure a busy machine moves least. */
    static final String PASS = "pass";
    static final String BATCH = "batch";
    /** The timer of the passes on one thread, whose CPU time {@code pass_cost} expresses in matmuls. */
    static final String COST_PASS = "single_thread_pass";
    /** The pass timer's figures reported under older names: its wall time is {@code pass_time}. */
    static final Timer.Figure[] PASS_FIGURES_ELSEWHERE = {Timer.Figure.WALL_TIME,
            Timer.Figure.UNITS_PER_SECOND};

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
        return "T1 forward pass latency on DOM-grouped batches (DJL/PyTorch), against the engine's matmul rate";
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>(List.of(FORWARD_LATENCY, PASS_TIME, PULSES_PER_SECOND,
                DOMS_PER_SECOND, ACHIEVED_GFLOPS, MATMUL_GFLOPS, ACHIEVED_OVER_MATMUL, PASS_COST));
        metrics.addAll(Timer.metricsOf(PASS, BATCH, PASS_FIGURES_ELSEWHERE));
        metrics.addAll(Timer.metricsOf(COST_PASS, BATCH));
        metrics.add(PEAK_RSS);
        return metrics;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.of("batch_size", ParameterSpec.Type.INT, 32, "events per batch"),
                ParameterSpec.of("d_model", ParameterSpec.Type.INT, 128, "embedding width"),
                ParameterSpec.of("heads", ParameterSpec.Type.INT, 8, "attention heads; must divide d_model"),
                ParameterSpec.of("layers", ParameterSpec.Type.INT, 2, "transformer layers"),
                ParameterSpec.of("max_seq_len", ParameterSpec.Type.INT, 512,
                        "positions per packed sequence; longer DOMs are split"),
                ParameterSpec.of("attention", ParameterSpec.Type.STRING, "bucketed", "bucketed or full_mask"),
                ParameterSpec.of("threads", ParameterSpec.Type.INT, 0, "PyTorch intra-op threads; 0 = processors"),
                ParameterSpec.warmupIterations(1, "passes over the measured batches"),
                ParameterSpec.of("batches", ParameterSpec.Type.INT, 20, "measured batches, one pass"),
                ParameterSpec.iterations(1, "passes over the measured batches, in order (pass_time)"),
                ParameterSpec.of("cost_passes", ParameterSpec.Type.INT, 2,
                        "passes on one intra-op thread after the measured ones, for pass_cost; 0 skips them"),
                ParameterSpec.of("seed", ParameterSpec.Type.LONG, 1,
                        "seed of the weight initialisation (events are taken in file order)"));
    }

    @Override
    public void validate(Parameters parameters) {
        atLeast(parameters, "batch_size", 1);
        atLeast(parameters, "d_model", 1);
        atLeast(parameters, "heads", 1);
        atLeast(parameters, "layers", 1);
        atLeast(parameters, "max_seq_len", 1);
        atLeast(parameters, "threads", 0);
        atLeast(parameters, "batches", 1);
        atLeast(parameters, "cost_passes", 0);
        int dModel = parameters.getInt("d_model");
        int heads = parameters.getInt("heads");
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("parameter 'd_model' (" + dModel + ") must be divisible by 'heads' ("
                    + heads + ")");
        }
        try {
            AttentionStrategy.parse(parameters.getString("attention"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter " + e.getMessage());
        }
    }

    private static void atLeast(Parameters parameters, String name, int minimum) {
        int value = parameters.getInt(name);
        if (value < minimum) {
            throw new IllegalArgumentException("parameter '" + name + "' must be at least " + minimum + ", was "
                    + value);
        }
    }

    @Override
    public Measurements run(PluginContext context) throws Exception {
        Parameters parameters = context.parameters();
        validate(parameters);
        AttentionStrategy strategy = AttentionStrategy.parse(parameters.getString("attention"));
        T1Config config = T1Config.of(parameters.getInt("d_model"), parameters.getInt("heads"),
                parameters.getInt("layers"), parameters.getInt("max_seq_len"), parameters.getLong("seed"));

        java.net.URI folder = DefaultDataset.location(context.datasetLocation());
        List<DomBatch> batches = loadBatches(Dataset.open(folder), parameters.getInt("batch_size"),
                parameters.getInt("batches"));

        // The runner calls run on a thread of its own: threads and grad mode are set here, on it.
        int threads = T1Model.setIntraOpThreads(parameters.getInt("threads"));
        T1Model.inferenceMode();
        if (T1Model.gradModeEnabled()) {
            throw new IllegalStateException("grad mode is still on for the inference thread");
        }

        ForwardPasses passes = new ForwardPasses(context, batches, strategy, parameters.iterations());
        try (T1Model model = new T1Model(config);
             MatmulYardstick yardstick = new MatmulYardstick(MATMUL_SIZE)) {
            passes.measure(model, yardstick, parameters.warmupIterations());
            passes.cost(model, yardstick, parameters.getInt("cost_passes"), threads);
        }
        return passes.measurements(DefaultDataset.shown(folder), threads, config);
    }

    /**
     * {@code count} batches of {@code batchSize} consecutive events, collated by DOM, from the first files of the
     * dataset (the next file is read only when the first runs out).
     */
    static List<DomBatch> loadBatches(Dataset dataset, int batchSize, int count) {
        EventMeta meta = dataset.meta();
        Collator collator = new Collator();
        List<DomBatch> batches = new ArrayList<>(count);
        for (int batchId : dataset.batchIds()) {
            if (batches.size() == count) {
                break;
            }
            EventSource source = EventSource.of(dataset.readBatch(batchId, Column.modelInputs(), 2), meta, batchId);
            for (int first = 0; first + batchSize <= source.events() && batches.size() < count; first += batchSize) {
                batches.add(collator.domGrouped(source, IntStream.range(first, first + batchSize).toArray()));
            }
        }
        if (batches.size() < count) {
            throw new IllegalArgumentException("the dataset '" + DefaultDataset.shown(dataset.location()) + "' holds "
                    + batches.size() + " batches of " + batchSize + " events; batches needs " + count);
        }
        return batches;
    }

    /** VmHWM from /proc/self/status in MiB; 0 where there is no /proc. */
    static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
