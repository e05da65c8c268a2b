package io.icebench.runner.measure;

import io.icebench.runner.UsageException;

/**
 * A real slowdown added to a plugin's measured work, for {@code runner calibrate --inject-slowdown}: after each timed
 * unit the plugin reports through {@link io.icebench.spi.PluginContext#afterTimedWork(long)}, the calling thread
 * busy-spins for {@code fraction} of the unit's elapsed time. Spinning, not sleeping: the thread keeps its core busy,
 * as slower code would, and the timing is exact to the clock's resolution instead of the scheduler's.
 *
 * @param fraction the added time as a fraction of the measured time; 0 adds nothing
 */
public record Slowdown(double fraction) {

    /** No slowdown: what every normal run uses. */
    public static final Slowdown NONE = new Slowdown(0);

    /**
     * The system property through which {@code runner calibrate --fork} slows the timed work of the runs it starts
     * (a fraction, such as {@code 0.1}). Outside the {@code icebench.} namespace on purpose: it is not
     * configuration, and every run it touches says so on the console and in its reports. The machine's fingerprint
     * leaves it out of the JVM's arguments, so a slowed run stays comparable with an unslowed one.
     */
    public static final String PROPERTY = "icebench-calibration-slowdown";

    public Slowdown {
        if (!(fraction >= 0) || fraction > 10) {
            throw new IllegalArgumentException("a slowdown must be between 0% and 1000%, was " + fraction * 100 + "%");
        }
    }

    /**
     * The slowdown this process was started with ({@value #PROPERTY}); {@link #NONE} without one.
     *
     * @throws UsageException when the property is not a fraction from 0 to 10
     */
    public static Slowdown injected() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return NONE;
        }
        try {
            return new Slowdown(Double.parseDouble(value.trim()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("-D" + PROPERTY + "=" + value + " is not a fraction from 0 to 10;"
                    + " it is set by 'runner calibrate --fork', leave it out otherwise");
        }
    }

    /** Spins for {@code fraction × elapsedNanos}; returns at once when there is no slowdown. */
    public void apply(long elapsedNanos) {
        if (fraction == 0 || elapsedNanos <= 0) {
            return;
        }
        long deadline = System.nanoTime() + (long) (elapsedNanos * fraction);
        while (System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
    }

    /** As a percentage, for messages: {@code 10%}. */
    @Override
    public String toString() {
        return io.icebench.spi.report.Numbers.format(fraction * 100) + "%";
    }
}
