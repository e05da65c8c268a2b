package io.icebench.spi.report;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One threshold judged against one run.
 *
 * @param metric    the metric's name
 * @param statistic the statistic compared, such as {@code median} or {@code p99}
 * @param bound     which side of the limit passes
 * @param limit     the configured limit, in the metric's unit
 * @param unit      the metric's unit symbol, for display
 * @param rationale why the limit was chosen, from the configuration
 * @param measured  the statistic's value; empty when it could not be measured
 * @param outcome   PASS, FAIL or ERROR
 * @param message   one line explaining the outcome
 */
public record ThresholdVerdict(String metric, String statistic, Bound bound, double limit, String unit,
                               String rationale, OptionalDouble measured, Outcome outcome, String message) {

    public ThresholdVerdict {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    /** A short name for the threshold: {@code median(events_per_second) >= 100}. */
    public String describe() {
        return statistic + "(" + metric + ") " + bound.operator() + " " + Numbers.format(limit) + " " + unit;
    }
}
