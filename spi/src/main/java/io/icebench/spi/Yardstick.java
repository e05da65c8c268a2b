package io.icebench.spi;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed piece of CPU work timed in the same JVM as a measurement, so that a figure can be expressed in the
 * machine's own units ("this epoch cost 1.6 sorts") instead of milliseconds that depend on the machine: sorting
 * {@value #ELEMENTS} seeded longs, the work of the {@code cpu-calibration} gate, timed by wall clock and by the
 * thread's CPU clock.
 *
 * <p>Its CPU time hardly moves when other processes share the machine (the thread is only running less often),
 * while its wall time grows by as much as the machine is shared: {@link Reading#wallOverCpu()} is itself a
 * measure of how busy the machine was.
 *
 * @since SPI 1.3
 */
public final class Yardstick {

    /** Longs sorted per measured sort. */
    public static final int ELEMENTS = 500_000;
    private static final int WARMUP = 3;
    private static final int SORTS = 5;

    private Yardstick() {
    }

    /**
     * One reading: medians over {@code SORTS} sorts after {@code WARMUP} discarded ones.
     *
     * @param wallMillis median wall time of one sort
     * @param cpuMillis  median CPU time of the sorting thread for one sort
     */
    public record Reading(double wallMillis, double cpuMillis) {

        /** Wall time over CPU time: about 1 on a quiet machine, higher by as much as the core was shared. */
        public double wallOverCpu() {
            return cpuMillis > 0 ? wallMillis / cpuMillis : 1;
        }
    }

    /** Sorts and times, on the calling thread; about a third of a second. */
    public static Reading sort() {
        long[] source = new SplittableRandom(42).longs(ELEMENTS).toArray();
        long[] work = new long[ELEMENTS];
        Timer timer = Timer.of("yardstick", null);
        long sink = 0;
        for (int i = -WARMUP; i < SORTS; i++) {
            System.arraycopy(source, 0, work, 0, ELEMENTS);
            try (Timer.Sample sample = i < 0 ? timer.warmup() : timer.start()) {
                Arrays.sort(work);
            }
            sink += work[ELEMENTS / 2];
        }
        if (sink == 42) {
            // Consumed so the JIT cannot prove the sorts dead; never true for this seed.
            System.out.print("");
        }
        return new Reading(median(timer.samples(Timer.Figure.WALL_TIME)),
                median(timer.samples(Timer.Figure.THREAD_CPU_TIME)));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
