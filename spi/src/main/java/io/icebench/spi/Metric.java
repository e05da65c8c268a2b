package io.icebench.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a plugin measures: a name unique within the plugin, the unit of its samples and the direction in which it
 * improves. A metric never travels as a bare number.
 *
 * @param name        lower-case identifier, such as {@code events_per_second}; thresholds refer to it
 * @param unit        the unit of every sample
 * @param direction   which way is better
 * @param description one line for reports; may be empty
 */
public record Metric(String name, Unit unit, Direction direction, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]*");

    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(direction, "direction");
        description = description == null ? "" : description;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name
                    + "' must be lower case letters, digits, '_', '-' or '.', starting with a letter");
        }
    }

    public static Metric higherIsBetter(String name, Unit unit, String description) {
        return new Metric(name, unit, Direction.HIGHER_IS_BETTER, description);
    }

    public static Metric lowerIsBetter(String name, Unit unit, String description) {
        return new Metric(name, unit, Direction.LOWER_IS_BETTER, description);
    }
}
