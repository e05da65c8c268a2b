package io.icebench.icecube.read;

import io.icebench.icecube.Geometry;

/**
 * What the layout promises of a column's values beyond their type (docs/DATA.md, "The data contract"): checked by
 * {@link ChunkDecoder} on each page it has just decoded, while the values are still in cache.
 *
 * <p>Each check is one branch-free pass that folds every value into one accumulator (a loop the JIT can unroll
 * and vectorise), then, only when that says something is wrong, a second pass to find the first bad row. A
 * dictionary-encoded page costs nothing: its values all come from the dictionary, which is checked once.
 */
enum ValueRule {

    /** Anything the type holds. */
    ANY(null),
    /** A DOM of the detector: {@code 0 <= sensor_id < }{@value Geometry#SENSORS}. */
    SENSOR_ID("sensor_id must be a DOM of sensor_geometry.csv, 0.." + (Geometry.SENSORS - 1)),
    /** A real number: not NaN and not ±Infinity. */
    FINITE("must be a finite number, not NaN or ±Infinity");

    private static final long EXPONENT = 0x7FF0_0000_0000_0000L;
    private static final long EXPONENT_ONE = 0x0010_0000_0000_0000L;

    private final String rule;

    ValueRule(String rule) {
        this.rule = rule;
    }

    /** The rule in words, for a message: "sensor_id must be ...". */
    String rule(String column) {
        return this == SENSOR_ID ? rule : column + " " + rule;
    }

    /** The index of the first value in {@code values[from, from + n)} that breaks the rule, or -1. */
    int firstBroken(short[] values, int from, int n) {
        if (this != SENSOR_ID) {
            return -1;
        }
        int outside = 0;
        for (int i = from; i < from + n; i++) {
            int v = values[i];
            // Negative exactly when v < 0 or v > SENSORS - 1.
            outside |= v | (Geometry.SENSORS - 1 - v);
        }
        if (outside >= 0) {
            return -1;
        }
        for (int i = from; i < from + n; i++) {
            if (values[i] < 0 || values[i] >= Geometry.SENSORS) {
                return i;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** As {@link #firstBroken(short[], int, int)} for doubles. */
    int firstBroken(double[] values, int from, int n) {
        if (this != FINITE) {
            return -1;
        }
        long exponents = 0;
        for (int i = from; i < from + n; i++) {
            // An all-ones exponent (NaN or ±Infinity) plus one carries into the sign bit; any other does not.
            exponents |= (Double.doubleToRawLongBits(values[i]) & EXPONENT) + EXPONENT_ONE;
        }
        if (exponents >= 0) {
            return -1;
        }
        for (int i = from; i < from + n; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        throw new AssertionError("unreachable");
    }
}
