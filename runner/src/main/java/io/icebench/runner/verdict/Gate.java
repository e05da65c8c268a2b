package io.icebench.runner.verdict;

import io.icebench.spi.Measurement;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.ThresholdVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** Judges thresholds against a plugin's measurements: the one place where pass and fail are decided. */
public final class Gate {

    private Gate() {
    }

    /**
     * Judges every threshold.
     *
     * @param measurements the plugin's measurements; empty when the plugin failed to run, which makes every
     *                     threshold an ERROR
     * @param failure      why the plugin failed, for the verdicts' messages; ignored when measurements are present
     */
    public static List<ThresholdVerdict> judge(List<Threshold> thresholds, Optional<List<Measurement>> measurements,
                                               String failure) {
        List<ThresholdVerdict> verdicts = new ArrayList<>(thresholds.size());
        for (Threshold threshold : thresholds) {
            verdicts.add(measurements
                    .map(found -> judge(threshold, found))
                    .orElseGet(() -> error(threshold, "?", "not judged: the plugin did not complete (" + failure + ")")));
        }
        return verdicts;
    }

    static ThresholdVerdict judge(Threshold threshold, List<Measurement> measurements) {
        Optional<Measurement> match = measurements.stream()
                .filter(m -> m.metric().name().equals(threshold.metric()))
                .findFirst();
        if (match.isEmpty()) {
            String reported = measurements.stream().map(m -> m.metric().name()).collect(Collectors.joining(", "));
            return error(threshold, "?", "metric '" + threshold.metric() + "' was not reported; reported: "
                    + (reported.isEmpty() ? "(none)" : reported));
        }
        Measurement measurement = match.get();
        String unit = measurement.metric().unit().symbol();
        if (measurement.sampleCount() == 0) {
            return error(threshold, unit, "metric '" + threshold.metric() + "' has no samples");
        }
        double value = threshold.statistic().evaluate(measurement.samples());
        boolean pass = threshold.bound().accepts(value, threshold.limit());
        String message = threshold.statistic() + "(" + threshold.metric() + ") = " + Numbers.format(value) + " " + unit
                + (pass ? ", within " : ", outside ") + threshold.bound().label() + " "
                + Numbers.format(threshold.limit()) + " " + unit;
        return new ThresholdVerdict(threshold.metric(), threshold.statistic().name(), threshold.bound(),
                threshold.limit(), unit, threshold.rationale(), OptionalDouble.of(value),
                pass ? Outcome.PASS : Outcome.FAIL, message);
    }

    private static ThresholdVerdict error(Threshold threshold, String unit, String message) {
        return new ThresholdVerdict(threshold.metric(), threshold.statistic().name(), threshold.bound(),
                threshold.limit(), unit, threshold.rationale(), OptionalDouble.empty(), Outcome.ERROR, message);
    }
}
