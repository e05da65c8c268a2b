package io.icebench.spi;

import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.ThresholdVerdict;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One plugin's part of a run.
 *
 * @param id          the plugin's id
 * @param kind        gate or exploratory
 * @param description the plugin's one-line description
 * @param source      where the plugin came from: {@code built-in} or the jar's file name
 * @param status      how the run ended
 * @param failure     why it failed, one line; empty when it completed
 * @param duration    wall-clock time of the run
 * @param parameters  the resolved parameters, as text
 * @param metrics     one per reported metric
 * @param tables      exploratory tables
 * @param series      exploratory chart data
 * @param properties  facts the plugin recorded about its run
 * @param verdicts    one per configured threshold
 * @param files       files the plugin wrote into its output folder, relative to the run folder
 *                    ({@code plugins/<id>/report.md}), sorted; reports link them
 */
public record PluginReport(String id, PluginKind kind, String description, String source, RunStatus status,
                           Optional<String> failure, Duration duration, Map<String, String> parameters,
                           List<MetricReport> metrics, List<Table> tables, List<Series> series,
                           Map<String, String> properties, List<ThresholdVerdict> verdicts, List<String> files) {

    public PluginReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(duration, "duration");
        description = description == null ? "" : description;
        source = source == null ? "" : source;
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        metrics = List.copyOf(metrics);
        tables = List.copyOf(tables);
        series = List.copyOf(series);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        verdicts = List.copyOf(verdicts);
        files = List.copyOf(files);
    }

    /**
     * The verdict of this plugin: ERROR if it failed to run or a threshold could not be judged, FAIL if a threshold
     * failed (or was INCONCLUSIVE under the {@code fail} policy); never INCONCLUSIVE itself, see
     * {@link ThresholdVerdict#effectiveOutcome()}.
     */
    public Outcome outcome() {
        if (status.failed()) {
            return Outcome.ERROR;
        }
        if (verdicts.stream().anyMatch(v -> v.effectiveOutcome() == Outcome.ERROR)) {
            return Outcome.ERROR;
        }
        if (verdicts.stream().anyMatch(v -> v.effectiveOutcome() == Outcome.FAIL)) {
            return Outcome.FAIL;
        }
        if (verdicts.stream().anyMatch(v -> v.effectiveOutcome() == Outcome.UNRELIABLE)) {
            return Outcome.UNRELIABLE;
        }
        // Relative thresholds without a baseline are NONE: a plugin judged on nothing else has no verdict.
        return verdicts.stream().anyMatch(v -> v.effectiveOutcome() == Outcome.PASS) ? Outcome.PASS : Outcome.NONE;
    }

    public Optional<MetricReport> metric(String name) {
        return metrics.stream().filter(m -> m.metric().name().equals(name)).findFirst();
    }
}
