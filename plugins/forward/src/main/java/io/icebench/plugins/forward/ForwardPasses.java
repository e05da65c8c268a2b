package io.icebench.plugins.forward;

import ai.djl.engine.Engine;
import io.icebench.icecube.collate.DomBatch;
import io.icebench.model.AttentionStrategy;
import io.icebench.model.T1Config;
import io.icebench.model.T1Model;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.PluginContext;
import io.icebench.spi.Timer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.icebench.plugins.forward.ForwardLatencyPlugin.ACHIEVED_GFLOPS;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.ACHIEVED_OVER_MATMUL;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.BATCH;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.COST_PASS;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.DOMS_PER_SECOND;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.FORWARD_LATENCY;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.MATMUL_GFLOPS;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.MATMUL_SAMPLES_PER_PASS;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.PASS;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.PASS_COST;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.PASS_FIGURES_ELSEWHERE;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.PASS_TIME;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.PEAK_RSS;
import static io.icebench.plugins.forward.ForwardLatencyPlugin.PULSES_PER_SECOND;

/**
 * The timed work of one {@code forward-latency} run and the figures it makes: the measured passes over the batches,
 * each followed by the engine's matmul rate, then the passes on one thread that {@code pass_cost} is made of.
 *
 * <p>One per run, used on the runner's thread only: it accumulates as the passes go, so that a run cut short by
 * cancellation still reports the batches and passes that completed.
 */
final class ForwardPasses {

    private final PluginContext context;
    private final List<DomBatch> batches;
    private final AttentionStrategy strategy;
    private final int passes;
    private final Timer batchTimer;
    private final Timer passTimer;
    /** The engine's own rate is the machine's yardstick, not the code under test: timed, never slowed. */
    private final Timer matmulTimer = Timer.of("matmul", null);
    private final Timer costTimer;

    private final double[] pulsesPerSecond;
    private final double[] domsPerSecond;
    private final double[] gflops;
    private final long[] flops;
    private final List<Double> matmul = new ArrayList<>();
    private final List<Double> overMatmul = new ArrayList<>();
    private final List<Double> passCost = new ArrayList<>();
    private long pulses;
    private long doms;
    /** Folds every output in, so that no forward pass can be optimised away. */
    private long sink;
    /** Measured batches so far, over all passes. */
    private int done;

    ForwardPasses(PluginContext context, List<DomBatch> batches, AttentionStrategy strategy, int passes) {
        this.context = context;
        this.batches = batches;
        this.strategy = strategy;
        this.passes = passes;
        this.batchTimer = context.timer(BATCH, null);
        this.passTimer = context.timer(PASS, BATCH);
        this.costTimer = context.timer(COST_PASS, BATCH);
        int samples = batches.size() * passes;
        pulsesPerSecond = new double[samples];
        domsPerSecond = new double[samples];
        gflops = new double[samples];
        flops = new long[samples];
    }

    /**
     * {@code warmup} passes, then the {@code passes} measured ones, each followed by the engine's matmul rate; a completed measured
     * pass adds its achieved over matmul GFLOP/s.
     */
    void measure(T1Model model, MatmulYardstick yardstick, int warmup) {
        long[] batchFlops = batches.stream().mapToLong(batch -> model.flops(batch, strategy)).toArray();
        long passFlops = Arrays.stream(batchFlops).sum();
        // Warm-up runs the measured batches themselves: libtorch picks kernels and sizes its caches per shape,
        // so warming on other shapes leaves the first measured pass slower than the rest.
        for (int pass = -warmup; pass < passes && !context.isCancelled(); pass++) {
            boolean timed = pass >= 0;
            int completed = pass(model, batchFlops, timed);
            double[] rates = yardstick.gflops(matmulTimer, timed ? MATMUL_SAMPLES_PER_PASS : 2);
            if (timed && completed == batches.size()) {
                Arrays.stream(rates).forEach(matmul::add);
                double passSeconds = passTimer.samples(Timer.Figure.WALL_TIME)[passTimer.sampleCount() - 1] / 1e3;
                overMatmul.add(passFlops / passSeconds / 1e9 / median(rates));
            }
        }
    }

    /** One pass over the batches, a sample of the pass timer (a warm-up one when not timed); the batches it ran. */
    private int pass(T1Model model, long[] batchFlops, boolean timed) {
        int j = 0;
        try (Timer.Sample passSample = timed ? passTimer.start() : passTimer.warmup()) {
            for (; j < batches.size() && !context.isCancelled(); j++) {
                DomBatch batch = batches.get(j);
                float[] out;
                Timer.Sample sample = timed ? batchTimer.start() : batchTimer.warmup();
                try (sample) {
                    out = model.forward(batch, strategy);
                }
                sink += Float.floatToIntBits(out[0]);
                if (timed) {
                    double seconds = sample.elapsedNanos() / 1e9;
                    flops[done] = batchFlops[j];
                    pulsesPerSecond[done] = batch.pulses() / seconds;
                    domsPerSecond[done] = batch.doms() / seconds;
                    gflops[done] = flops[done] / seconds / 1e9;
                    pulses += batch.pulses();
                    doms += batch.doms();
                    done++;
                }
            }
            passSample.units(j);
        }
        return j;
    }

    /**
     * The cost passes: one intra-op thread does all the work on this thread, so its CPU clock sees every instruction
     * and none of the spinning with which parallel kernels wait for each other (which grows when other processes
     * share the cores). A matmul timed the same way right after each pass is the unit. Restores {@code threads}.
     */
    void cost(T1Model model, MatmulYardstick yardstick, int costPasses, int threads) {
        T1Model.setIntraOpThreads(1);
        try {
            Timer matmulCpu = Timer.of("matmul_one_thread", null);
            yardstick.gflops(matmulCpu, 1);
            for (int pass = 0; pass < costPasses && !context.isCancelled(); pass++) {
                int j = 0;
                try (Timer.Sample passSample = costTimer.start()) {
                    for (; j < batches.size() && !context.isCancelled(); j++) {
                        sink += Float.floatToIntBits(model.forward(batches.get(j), strategy)[0]);
                    }
                    passSample.units(Math.max(j, 1));
                }
                int before = matmulCpu.sampleCount();
                yardstick.gflops(matmulCpu, MATMUL_SAMPLES_PER_PASS);
                double[] unit = Arrays.copyOfRange(matmulCpu.samples(Timer.Figure.THREAD_CPU_TIME), before,
                        matmulCpu.sampleCount());
                if (j == batches.size()) {
                    double[] passCpu = costTimer.samples(Timer.Figure.THREAD_CPU_TIME);
                    passCost.add(passCpu[passCpu.length - 1] / median(unit));
                }
            }
        } finally {
            T1Model.setIntraOpThreads(threads);
        }
    }

    /** The run's figures and properties, once the model is closed; {@code dataset} as reports show it. */
    Measurements measurements(String dataset, int threads, T1Config config) {
        double[] latency = batchTimer.samples(Timer.Figure.WALL_TIME);
        double[] matmulSamples = matmul.stream().mapToDouble(Double::doubleValue).toArray();
        // A pass cut short by cancellation is no pass: its figures are dropped with it.
        int passesDone = overMatmul.size();

        double medianAchieved = median(Arrays.copyOf(gflops, done));
        double medianMatmul = median(matmulSamples);
        long[] sortedFlops = Arrays.copyOf(flops, done);
        Arrays.sort(sortedFlops);
        return Measurements.builder()
                .add(FORWARD_LATENCY, Arrays.copyOf(latency, done))
                .add(PASS_TIME, Arrays.copyOf(passTimer.samples(Timer.Figure.WALL_TIME), passesDone))
                .add(PULSES_PER_SECOND, Arrays.copyOf(pulsesPerSecond, done))
                .add(DOMS_PER_SECOND, Arrays.copyOf(domsPerSecond, done))
                .add(ACHIEVED_GFLOPS, Arrays.copyOf(gflops, done))
                .add(MATMUL_GFLOPS, matmulSamples)
                .add(ACHIEVED_OVER_MATMUL, overMatmul.stream().mapToDouble(Double::doubleValue).toArray())
                .add(PASS_COST, passCost.stream().mapToDouble(Double::doubleValue).toArray())
                .addAll(passTimer.measurements(PASS_FIGURES_ELSEWHERE).stream()
                        .map(m -> Measurement.of(m.metric(), Arrays.copyOf(m.samples(), passesDone))).toList())
                .addAll(costTimer.measurements())
                .add(PEAK_RSS, ForwardLatencyPlugin.peakRssMib())
                .property("dataset", dataset)
                .property("attention", strategy.label())
                .property("threads", threads)
                .property("model", "T1 d_model=" + config.dModel() + " heads=" + config.heads() + " layers="
                        + config.layers() + " ffn=" + config.ffnDim() + " max_seq_len=" + config.maxSeqLen())
                .property("measured_batches", done)
                .property("pulses_per_batch_mean", done == 0 ? 0 : pulses / done)
                .property("doms_per_batch_mean", done == 0 ? 0 : doms / done)
                .property("flops_per_batch_median", done == 0 ? 0 : sortedFlops[done / 2])
                .property("achieved_over_matmul", String.format(java.util.Locale.ROOT, "%.3f",
                        medianMatmul > 0 ? medianAchieved / medianMatmul : 0))
                .property("engine", Engine.getEngine("PyTorch").getEngineName() + " "
                        + Engine.getEngine("PyTorch").getVersion())
                .property("sink", sink)
                .build();
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
