package io.icebench.examples.spin;

import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Spi;
import io.icebench.spi.Timer;
import io.icebench.spi.Unit;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A drop-in regression gate whose timed work is pure, steady CPU work: a polynomial hash over a fixed array of ints,
 * {@link #PASSES} times per iteration. Each step depends on the one before, so the time is the chain's length,
 * whatever the JIT's unrolling, and the array stays in the first-level cache: the time is proportional to
 * {@link #PASSES}. An iteration takes about a third of a millisecond, well under a scheduler's time slice, so that
 * another process on the core delays a few iterations rather than most of them, and the fork's median holds.
 *
 * <p>examples-it builds two versions of this source, spin-gate-v1 and spin-gate-v2, which differ only in
 * {@link #PASSES}: version 2 does 5 % more work, the slowdown PairedSlowdownIT must catch.
 */
public final class SpinGatePlugin implements BenchmarkPlugin {

    /** Passes over the array per timed iteration: 40 in version 1; version 2 makes 42, 5 % more work. */
    static final int PASSES = 42;

    /** Ints hashed per pass: 32 KiB, inside a core's first-level cache. */
    static final int ELEMENTS = 1 << 13;

    static final Metric SPIN_TIME = Metric.lowerIsBetter("spin_time", Unit.MILLISECONDS,
            "time to hash the array " + PASSES + " times");

    @Override
    public String id() {
        return "spin-gate";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.REGRESSION_GATE;
    }

    @Override
    public String spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public String description() {
        return "Test gate: a polynomial hash over a fixed int array, " + PASSES + " passes per iteration";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(SPIN_TIME);
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.warmupIterations(300, "spins, so the JIT has compiled the loop"),
                ParameterSpec.iterations(300, "spins"));
    }

    @Override
    public Measurements run(PluginContext context) {
        int warmup = context.parameters().warmupIterations();
        int iterations = context.parameters().iterations();
        int[] data = new SplittableRandom(7).ints(ELEMENTS).toArray();
        Timer spins = context.timer("spin", null);
        int hash = 1;
        for (int i = -warmup; i < iterations && !context.isCancelled(); i++) {
            try (Timer.Sample sample = i < 0 ? spins.warmup() : spins.start()) {
                hash = spin(data, hash);
            }
        }
        return Measurements.builder().add(SPIN_TIME, spins.samples(Timer.Figure.WALL_TIME))
                .property("passes", PASSES)
                // consumed, so the JIT cannot prove the work dead
                .property("hash", Integer.toHexString(hash))
                .build();
    }

    static int spin(int[] data, int seed) {
        int hash = seed;
        for (int pass = 0; pass < PASSES; pass++) {
            for (int value : data) {
                hash = 31 * hash + value;
            }
        }
        return hash;
    }
}
