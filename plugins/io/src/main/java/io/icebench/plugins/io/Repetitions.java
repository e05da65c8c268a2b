package io.icebench.plugins.io;

import io.icebench.spi.Progress;
import io.icebench.spi.Timer;
import org.apache.commons.statistics.descriptive.Median;

/**
 * The timing discipline of every figure in the study: one untimed warm-up, then {@code repetitions} timed runs whose
 * median is the figure; all the samples are kept for the runner. Cold runs are timed by the caller, which evicts
 * before each. Every timed run is one unit of the study's progress ({@link #reportTo}); the untimed warm-ups are
 * not counted.
 */
final class Repetitions {

    /** One timed unit of work; returns something derived from what it read, so the work cannot be elided. */
    @FunctionalInterface
    interface Work {
        long run() throws Exception;
    }

    private final int repetitions;
    private long sink;
    private Progress progress = Progress.NONE;
    private final Timer timer = Timer.of("read", null);

    Repetitions(int repetitions) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1");
        }
        this.repetitions = repetitions;
    }

    int count() {
        return repetitions;
    }

    /** Each timed run from now on steps {@code progress} once, after its clock stops. */
    void reportTo(Progress progress) {
        this.progress = progress;
    }

    /** One run timed by the caller rather than by {@link #time}: counted in the progress all the same. */
    void timedElsewhere() {
        progress.step();
    }

    /** Seconds of each timed run, after one warm-up run. */
    double[] warm(Work work) throws Exception {
        sink += work.run();
        double[] seconds = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            seconds[i] = time(work);
        }
        return seconds;
    }

    /** Seconds of one run, nothing before it, timed by the SPI's timer. */
    double time(Work work) throws Exception {
        Timer.Sample sample = timer.start();
        try (sample) {
            sink += work.run();
        }
        progress.step();
        return sample.elapsedNanos() / 1e9;
    }

    /** The sum of what the work returned: reported so the JIT cannot prove the work dead. */
    long sink() {
        return sink;
    }

    static double median(double[] values) {
        return Median.withDefaults().evaluate(values);
    }

    /** {@code amount / seconds[i]} for every sample. */
    static double[] rates(double amount, double[] seconds) {
        double[] rates = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            rates[i] = amount / seconds[i];
        }
        return rates;
    }
}
