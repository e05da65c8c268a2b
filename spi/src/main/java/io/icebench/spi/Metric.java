package io.icebench.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a plugin measures: a name unique within the plugin, the unit of its samples, the direction in which it
 * improves, and what moves it besides the code. A metric never travels as a bare number.
 *
 * @param name        lower-case identifier, such as {@code events_per_second}; thresholds refer to it
 * @param unit        the unit of every sample
 * @param direction   which way is better
 * @param description one line for reports; may be empty
 * @param basis       what the figure is measured with: the wall clock (the default), CPU time, or a count
 */
public record Metric(String name, Unit unit, Direction direction, String description, Basis basis) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]*");

    /**
     * What a figure is measured with, which says how much another process on the machine can move it. The runner
     * uses it when the machine was busy during a run: a failed absolute threshold on a {@link #WALL} metric then
     * says more about the machine than the code and is reported UNRELIABLE; on a {@link #CPU} or {@link #COUNT}
     * metric it stays a failure.
     *
     * @since SPI 1.3
     */
    public enum Basis {
        /** Timed by the wall clock (latencies, throughputs): the first thing a busy machine slows. */
        WALL,
        /**
         * CPU time of the work, or work measured against a yardstick timed in the same run: a busy machine moves it
         * little (shared caches and cores, not waiting for them).
         */
        CPU,
        /** Counted, not timed (bytes allocated, sizes, ratios): the machine's load cannot move it. */
        COUNT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The basis named by {@link #label()}; WALL for anything else, as metrics before SPI 1.3 were. */
        public static Basis parse(String label) {
            for (Basis basis : values()) {
                if (basis.label().equals(label)) {
                    return basis;
                }
            }
            return WALL;
        }
    }

    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(direction, "direction");
        description = description == null ? "" : description;
        basis = basis == null ? Basis.WALL : basis;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name
                    + "' must be lower case letters, digits, '_', '-' or '.', starting with a letter");
        }
    }

    /** A metric timed by the wall clock, as every metric before SPI 1.3. */
    public Metric(String name, Unit unit, Direction direction, String description) {
        this(name, unit, direction, description, Basis.WALL);
    }

    public static Metric higherIsBetter(String name, Unit unit, String description) {
        return new Metric(name, unit, Direction.HIGHER_IS_BETTER, description);
    }

    public static Metric lowerIsBetter(String name, Unit unit, String description) {
        return new Metric(name, unit, Direction.LOWER_IS_BETTER, description);
    }

    /**
     * This metric measured with {@code basis}.
     *
     * @since SPI 1.3
     */
    public Metric on(Basis basis) {
        return new Metric(name, unit, direction, description, basis);
    }
}
