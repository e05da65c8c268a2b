package io.icebench.runner.measure;

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

    public Slowdown {
        if (!(fraction >= 0) || fraction > 10) {
            throw new IllegalArgumentException("a slowdown must be between 0% and 1000%, was " + fraction * 100 + "%");
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
