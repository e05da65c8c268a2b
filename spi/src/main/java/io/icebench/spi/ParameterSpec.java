package io.icebench.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parameter a plugin accepts from the YAML configuration. Declaring parameters lets the runner reject unknown
 * keys and wrong types before anything runs.
 *
 * @param name         key under {@code parameters:} in the plugin's configuration
 * @param type         how the value is parsed
 * @param defaultValue the value when the configuration is silent, in the same text form a user would write
 * @param description  one line for {@code list} and the docs
 */
public record ParameterSpec(String name, Type type, String defaultValue, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    /** Parameter value types. Lists are comma-separated in text form. */
    public enum Type {
        STRING, INT, LONG, DOUBLE, BOOLEAN, DURATION, INT_LIST, STRING_LIST
    }

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        description = description == null ? "" : description;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name '" + name
                    + "' must be lower case letters, digits, '_' or '-', starting with a letter");
        }
        Parameters.parse(name, type, defaultValue);
    }

    public static ParameterSpec of(String name, Type type, Object defaultValue, String description) {
        return new ParameterSpec(name, type, String.valueOf(defaultValue), description);
    }

    /**
     * The name every plugin gives its count of warm-up iterations: runs of the measured work whose figures are
     * discarded, so that the JIT, caches and libraries have settled. The runner rejects a negative value.
     *
     * @since SPI 1.3
     */
    public static final String WARMUP_ITERATIONS = "warmup_iterations";

    /**
     * The name every plugin gives its count of measured iterations, one sample each of its main timer. The runner
     * rejects a value below 1.
     *
     * @since SPI 1.3
     */
    public static final String ITERATIONS = "iterations";

    /**
     * The warm-up convention: {@value #WARMUP_ITERATIONS}, an int, with {@code what} saying what one iteration is.
     *
     * @since SPI 1.3
     */
    public static ParameterSpec warmupIterations(int defaultValue, String what) {
        return of(WARMUP_ITERATIONS, Type.INT, defaultValue, "warm-up " + what + ", run and discarded first");
    }

    /**
     * The measured-iterations convention: {@value #ITERATIONS}, an int, with {@code what} saying what one is.
     *
     * @since SPI 1.3
     */
    public static ParameterSpec iterations(int defaultValue, String what) {
        return of(ITERATIONS, Type.INT, defaultValue, "measured " + what + ", one sample each");
    }
}
