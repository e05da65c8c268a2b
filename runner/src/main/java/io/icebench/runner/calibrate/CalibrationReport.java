package io.icebench.runner.calibrate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.icebench.runner.measure.Slowdown;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.Numbers;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a calibration's outcome: a summary a person reads ({@code calibration.md}, also what the console shows) and
 * every trial for a program ({@code calibration.json}). Written to a hidden folder and renamed into place, so a
 * calibration that dies leaves no half-written result.
 */
public final class CalibrationReport {

    private CalibrationReport() {
    }

    /** The headline figures, one line each. */
    public static List<String> summary(Calibration.Result result) {
        if (paired(result)) {
            return pairedSummary(result);
        }
        int n = result.runs();
        List<String> lines = new java.util.ArrayList<>();
        lines.add("A/A false alarms: " + result.falseAlarms() + " of " + n + " (first run alone, before"
                + " confirmation re-runs: " + result.falseAlarmsBeforeConfirmation() + " of " + n + ")");
        if (result.slowdown().fraction() > 0) {
            lines.add("detected " + result.slowdown() + " injected slowdown: " + result.detections() + " of " + n
                    + " (first run alone: " + result.detectionsBeforeConfirmation() + " of " + n + ")");
            String achieved = result.achievedChange().entrySet().stream()
                    .map(e -> e.getKey() + " " + Comparison.percent(e.getValue()))
                    .collect(Collectors.joining(", "));
            lines.add("change the injection caused (median of slowed trials' medians vs A/A trials'): " + achieved);
        }
        lines.add("gate wall time per trial, re-runs included: A/A median " + seconds(result.medianWall(false))
                + (result.slowdown().fraction() > 0 ? ", slowed median " + seconds(result.medianWall(true)) : "")
                + "; the baseline run took " + seconds(result.baselineWall()));
        if (!result.errors().isEmpty()) {
            lines.add("trials that failed to run (counted as neither alarm nor pass): " + result.errors().size());
        }
        return lines;
    }

    /** Whether the trials were paired runs ({@code --against}). */
    static boolean paired(Calibration.Result result) {
        return result.trials().stream().flatMap(t -> t.verdicts().stream()).anyMatch(Calibration.Verdict::paired);
    }

    /**
     * A paired calibration's figures: alarms, how many trials ended INCONCLUSIVE, the blocks and the width of the
     * final interval (in percentage points) per kind, and the wall time per trial.
     */
    private static List<String> pairedSummary(Calibration.Result result) {
        int n = result.runs();
        List<String> lines = new java.util.ArrayList<>();
        lines.add("A/A false alarms (REGRESSED): " + result.falseAlarms() + " of " + n + "; INCONCLUSIVE: "
                + inconclusive(result.aa()) + " of " + n);
        if (result.slowdown().fraction() > 0) {
            lines.add("detected " + result.slowdown() + " injected slowdown (REGRESSED): " + result.detections()
                    + " of " + n + "; INCONCLUSIVE: " + inconclusive(result.slowed()) + " of " + n);
            String achieved = Comparison.percent(median(result.slowed(), Calibration.Verdict::changePercent))
                    + " (A/A trials: " + Comparison.percent(median(result.aa(), Calibration.Verdict::changePercent))
                    + ")";
            lines.add("change the paired runs measured, median over trials: slowed " + achieved);
        }
        lines.add("blocks per trial, median: A/A " + Numbers.format(median(result.aa(), v -> v.blocks()))
                + (result.slowdown().fraction() > 0 ? ", slowed " + Numbers.format(median(result.slowed(),
                        v -> v.blocks())) : "") + "; final interval width, median: A/A "
                + Numbers.format(median(result.aa(), v -> v.changeHigh() - v.changeLow())) + " pp"
                + (result.slowdown().fraction() > 0 ? ", slowed " + Numbers.format(median(result.slowed(),
                        v -> v.changeHigh() - v.changeLow())) + " pp" : ""));
        long absolute = result.trials().stream().filter(t -> t.verdicts().stream()
                .anyMatch(v -> !v.paired() && v.comparison().isEmpty() && v.outcome() == Outcome.FAIL)).count();
        if (absolute > 0) {
            lines.add("trials in which an absolute threshold failed (not counted above: it judges the machine): "
                    + absolute);
        }
        lines.add("gate wall time per trial: A/A median " + seconds(result.medianWall(false))
                + (result.slowdown().fraction() > 0 ? ", slowed median " + seconds(result.medianWall(true)) : ""));
        if (!result.errors().isEmpty()) {
            lines.add("trials that failed to run (counted as neither alarm nor pass): " + result.errors().size());
        }
        return lines;
    }

    private static long inconclusive(List<Calibration.Trial> trials) {
        return trials.stream().filter(t -> t.verdicts().stream().anyMatch(v -> v.comparison()
                .filter(c -> c == Comparison.Verdict.INCONCLUSIVE).isPresent())).count();
    }

    private static double median(List<Calibration.Trial> trials,
                                 java.util.function.ToDoubleFunction<Calibration.Verdict> figure) {
        double[] values = trials.stream().flatMap(t -> t.verdicts().stream()).filter(Calibration.Verdict::paired)
                .mapToDouble(figure).filter(Double::isFinite).toArray();
        return values.length == 0 ? Double.NaN : io.icebench.runner.statistics.Statistic.MEDIAN.evaluate(values);
    }

    /** The trials as a Markdown table: kind, attempts, medians, each relative threshold's change and verdict. */
    public static String markdown(Calibration.Result result) {
        StringBuilder out = new StringBuilder();
        out.append("# Calibration of `").append(result.pluginId()).append("`\n\n");
        out.append(result.runs()).append(" A/A trials");
        if (result.slowdown().fraction() > 0) {
            out.append(" and ").append(result.runs()).append(" trials with a ").append(result.slowdown())
                    .append(" slowdown injected into the timed work, interleaved");
        }
        if (paired(result)) {
            out.append(", each trial one whole paired run (`--mode=regression --against`: blocks of one fork of the"
                    + " base and one of this build, in random order, until decided or out of budget), judged with the"
                    + " gate's thresholds:\n\n");
        } else if (result.forked()) {
            out.append(", each run a JVM of its own (as in CI), judged against one baseline run, also a JVM of its"
                    + " own, with the gate's thresholds and re-runs:\n\n");
        } else {
            out.append(", all in one JVM, each judged against one baseline run (after ").append(result.warmupRuns())
                    .append(" unjudged warm-up run(s)) with the gate's thresholds and re-runs:\n\n");
        }
        result.thresholds().forEach(t -> out.append("- `").append(t).append("`\n"));
        out.append('\n');
        summary(result).forEach(line -> out.append("- ").append(line).append('\n'));
        out.append("\n| trial | kind | attempts | wall | ");
        List<String> metrics = List.copyOf(result.baseline().keySet());
        metrics.forEach(m -> out.append("median ").append(m).append(" | "));
        out.append("verdicts |\n|---|---|---|---|");
        metrics.forEach(m -> out.append("---|"));
        out.append("---|\n");
        out.append("| baseline | - | 1 | ").append(seconds(result.baselineWall())).append(" | ");
        metrics.forEach(m -> out.append(Numbers.format(result.baseline().get(m))).append(" | "));
        out.append("- |\n");
        for (Calibration.Trial trial : result.trials()) {
            out.append("| ").append(trial.index()).append(" | ").append(trial.slowed() ? "slowed" : "A/A")
                    .append(" | ").append(trial.attempts()).append(" | ").append(seconds(trial.wall())).append(" | ");
            metrics.forEach(m -> out.append(trial.medians().containsKey(m) ? Numbers.format(trial.medians().get(m))
                    : "-").append(" | "));
            out.append(verdicts(trial.verdicts()).replace("|", "\\|")).append(" |\n");
        }
        if (!result.errors().isEmpty()) {
            out.append("\nTrials that failed to run:\n\n");
            result.errors().forEach(e -> out.append("- ").append(e).append('\n'));
        }
        return out.toString();
    }

    /** One trial's verdicts, short: {@code median(latency) FAIL; latency +12.1% REGRESSED p=0.0003}. */
    public static String verdicts(List<Calibration.Verdict> verdicts) {
        return verdicts.stream().map(Calibration.Verdict::brief).collect(Collectors.joining("; "));
    }

    /** Every trial with its figures, for programs. */
    public static String json(Calibration.Result result) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("kind", "icebench-calibration");
            json.writeNumberField("schemaVersion", 1);
            json.writeStringField("plugin", result.pluginId());
            json.writeBooleanField("forked", result.forked());
            json.writeNumberField("warmupRuns", result.warmupRuns());
            json.writeNumberField("runs", result.runs());
            json.writeNumberField("injectedSlowdownPercent", result.slowdown().fraction() * 100);
            writeStrings(json, "thresholds", result.thresholds());
            json.writeNumberField("falseAlarms", result.falseAlarms());
            json.writeNumberField("falseAlarmsBeforeConfirmation", result.falseAlarmsBeforeConfirmation());
            json.writeNumberField("detections", result.detections());
            json.writeNumberField("detectionsBeforeConfirmation", result.detectionsBeforeConfirmation());
            json.writeNumberField("medianTrialSecondsAA", result.medianWall(false).toMillis() / 1000.0);
            json.writeNumberField("medianTrialSecondsSlowed", result.medianWall(true).toMillis() / 1000.0);
            json.writeNumberField("baselineSeconds", result.baselineWall().toMillis() / 1000.0);
            writeNumbers(json, "achievedChangePercent", result.achievedChange());
            writeNumbers(json, "baselineMedians", result.baseline());
            json.writeArrayFieldStart("trials");
            for (Calibration.Trial trial : result.trials()) {
                writeTrial(json, trial);
            }
            json.writeEndArray();
            writeStrings(json, "errors", result.errors());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void writeTrial(JsonGenerator json, Calibration.Trial trial) throws IOException {
        json.writeStartObject();
        json.writeNumberField("index", trial.index());
        json.writeStringField("kind", trial.slowed() ? "slowed" : "aa");
        json.writeBooleanField("alarm", trial.alarm());
        json.writeBooleanField("firstRunAlarm", trial.firstAlarm());
        json.writeBooleanField("error", trial.error());
        json.writeNumberField("attempts", trial.attempts());
        json.writeNumberField("seconds", trial.wall().toMillis() / 1000.0);
        writeNumbers(json, "medians", trial.medians());
        json.writeArrayFieldStart("verdicts");
        for (Calibration.Verdict verdict : trial.verdicts()) {
            json.writeStartObject();
            json.writeStringField("metric", verdict.metric());
            json.writeStringField("statistic", verdict.statistic());
            json.writeStringField("outcome", verdict.outcome().name());
            if (verdict.comparison().isPresent()) {
                json.writeStringField("comparison", verdict.comparison().get().name());
                json.writeNumberField("changePercent", verdict.changePercent());
                json.writeNumberField("pValue", verdict.pValue());
            }
            json.writeStringField("message", verdict.message());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** {@code "name": {"key": value, ...}} in the map's order. */
    private static void writeNumbers(JsonGenerator json, String name, Map<String, Double> values) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> value : values.entrySet()) {
            json.writeNumberField(value.getKey(), value.getValue());
        }
        json.writeEndObject();
    }

    /** {@code "name": ["text", ...]}. */
    private static void writeStrings(JsonGenerator json, String name, List<String> texts) throws IOException {
        json.writeArrayFieldStart(name);
        for (String text : texts) {
            json.writeString(text);
        }
        json.writeEndArray();
    }

    /**
     * Writes {@code calibration.md} and {@code calibration.json} into {@code <resultsDir>/calibrations/<name>/},
     * atomically.
     *
     * @return the folder written
     */
    public static Path write(Calibration.Result result, Path resultsDir, String name) throws IOException {
        Path parent = Files.createDirectories(resultsDir.resolve("calibrations"));
        Path partial = Files.createDirectories(parent.resolve("." + name + ".partial"));
        Files.writeString(partial.resolve("calibration.md"), markdown(result));
        Files.writeString(partial.resolve("calibration.json"), json(result));
        Path done = parent.resolve(name);
        return Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
    }

    static String seconds(Duration duration) {
        return Numbers.format(duration.toMillis() / 1000.0) + " s";
    }

    /** The slowdown option's value: {@code 10%} or {@code 10}; 0 to 1000 percent. */
    public static Slowdown parseSlowdown(String text) {
        String trimmed = text.trim();
        double percent;
        try {
            percent = Double.parseDouble(trimmed.endsWith("%") ? trimmed.substring(0, trimmed.length() - 1).trim()
                    : trimmed);
        } catch (NumberFormatException e) {
            percent = Double.NaN;
        }
        if (!(percent >= 0 && percent <= 1000)) {
            throw new io.icebench.runner.UsageException("--inject-slowdown '" + text + "' is not a percentage from 0"
                    + " to 1000; write it as 10% (or 10)");
        }
        return new Slowdown(percent / 100);
    }
}
