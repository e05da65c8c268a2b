package io.icebench.plugins.reports;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.icebench.spi.RunReport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Formatting shared by the writers; nothing here depends on the default locale or time zone. */
final class Formats {

    /** Nanoseconds per unit, for the time units: what the latency exports (Bencher, HdrHistogram) convert with. */
    static final java.util.Map<String, java.math.BigDecimal> NANOS_PER_UNIT = java.util.Map.of(
            "ns", java.math.BigDecimal.ONE,
            "us", new java.math.BigDecimal("1e3"),
            "µs", new java.math.BigDecimal("1e3"),
            "ms", new java.math.BigDecimal("1e6"),
            "s", new java.math.BigDecimal("1e9"),
            "min", new java.math.BigDecimal("6e10"),
            "h", new java.math.BigDecimal("3.6e12"));


    private Formats() {
    }

    /** The run's wall-clock time, from start to the end of its last plugin. */
    static Duration runDuration(RunReport report) {
        return Duration.between(report.startedAt(), report.finishedAt());
    }

    /** A duration in seconds, for machine-readable formats. */
    static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }

    /** A duration in seconds with exactly three decimals, such as {@code 41.500}; rounded half up, computed exactly. */
    static String secondsWithMillis(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds())
                .add(BigDecimal.valueOf(duration.getNano(), 9))
                .setScale(3, RoundingMode.HALF_UP)
                .toPlainString();
    }

    /**
     * The shortest decimal that reads back as the same double, in {@link Double#toString} notation ({@code 12.5},
     * {@code 1.25E-4}). Jackson's Schubfach implementation is used rather than {@code Double.toString} because the
     * latter is not always shortest before Java 19: the golden files would then depend on the JDK.
     */
    static String shortest(double value) {
        return NumberOutput.toString(value, true);
    }
}
