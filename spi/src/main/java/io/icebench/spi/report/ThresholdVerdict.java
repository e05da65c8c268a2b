package io.icebench.spi.report;

import java.util.Objects;
import java.util.Optional;
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
 * @param outcome   PASS, FAIL, INCONCLUSIVE or ERROR
 * @param message   one line explaining the outcome
 * @param interval  the confidence interval the verdict was decided on (thresholds on the median); empty when the
 *                  point value was compared
 * @param inconclusive the threshold's policy for an INCONCLUSIVE outcome: {@code warn} passes with a warning,
 *                  {@code fail} counts as FAIL, {@code report} passes with a warning and makes the run exit 4
 * @param comparison for a relative threshold ({@code max_regression}, {@code paired_max_regression}) the comparison
 *                  with the baseline; its outcome is the verdict's ({@link Comparison#outcome()}); empty for absolute
 *                  thresholds
 */
public record ThresholdVerdict(String metric, String statistic, Bound bound, double limit, String unit,
                               String rationale, OptionalDouble measured, Outcome outcome, String message,
                               Optional<Interval> interval, InconclusivePolicy inconclusive,
                               Optional<Comparison> comparison) {

    public ThresholdVerdict {
        Objects.requireNonNull(inconclusive, "inconclusive");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(comparison, "comparison");
    }

    /** Whether an INCONCLUSIVE verdict counts as FAIL ({@code inconclusive: fail}). */
    public boolean inconclusiveFails() {
        return inconclusive == InconclusivePolicy.FAIL;
    }

    /** Whether this verdict makes a run that would otherwise pass exit 4: INCONCLUSIVE under {@code report}. */
    public boolean reportedInconclusive() {
        return outcome == Outcome.INCONCLUSIVE && inconclusive == InconclusivePolicy.REPORT;
    }

    /** The same verdict with {@code note} added to its message: {@code "...; confirmed by a re-run"}. */
    public ThresholdVerdict annotated(String note) {
        return new ThresholdVerdict(metric, statistic, bound, limit, unit, rationale, measured, outcome,
                message + "; " + note, interval, inconclusive, comparison);
    }

    /** Whether this is a relative threshold, judged against a baseline. */
    public boolean relative() {
        return comparison.isPresent();
    }

    /**
     * The outcome as the run counts it: INCONCLUSIVE becomes FAIL under the {@code fail} policy and PASS (with a
     * warning, see {@link #warning()}) under {@code warn}.
     */
    public Outcome effectiveOutcome() {
        if (outcome != Outcome.INCONCLUSIVE) {
            return outcome;
        }
        return inconclusiveFails() ? Outcome.FAIL : Outcome.PASS;
    }

    /** Whether this verdict passes the run only with a warning: INCONCLUSIVE under the {@code warn} policy. */
    public boolean warning() {
        return outcome == Outcome.INCONCLUSIVE && !inconclusiveFails();
    }

    /** The measured value, with the interval when there is one: {@code 12.3 [11.9, 12.8]}; {@code -} when none. */
    public String measuredText() {
        if (measured.isEmpty()) {
            return "-";
        }
        return Numbers.format(measured.getAsDouble()) + interval.map(i -> " " + i.format()).orElse("");
    }

    /** A short name for the threshold: {@code median(events_per_second) >= 100}. */
    public String describe() {
        if (comparison.isPresent() && comparison.get().paired()) {
            return "change of " + statistic + "(" + metric + ") vs base, fork against fork, max regression "
                    + Numbers.format(comparison.get().maxRegressionPercent()) + "%";
        }
        if (comparison.isPresent()) {
            return "change of " + statistic + "(" + metric + ") vs baseline, max regression "
                    + Numbers.format(comparison.get().maxRegressionPercent()) + "%";
        }
        return statistic + "(" + metric + ") " + bound.operator() + " " + Numbers.format(limit) + " " + unit;
    }
}
