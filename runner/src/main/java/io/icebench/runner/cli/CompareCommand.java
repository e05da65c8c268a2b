package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.NotComparableException;
import io.icebench.runner.UsageException;
import io.icebench.runner.baseline.Baselines;
import io.icebench.runner.baseline.FingerprintDifferences;
import io.icebench.runner.baseline.RunSamples;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.statistics.RelativeComparison;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code runner compare RUN_A RUN_B}: RUN_A is the old run (the baseline), RUN_B the new one; every metric both have
 * is compared with the same code as relative thresholds. Runs nothing.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two runs' samples without running anything: RUN_A is the old run, RUN_B the new one.",
            "Each is a run id (folder under the results folder), latest, or a results.json / baseline file.",
            "Exit code 1 when a metric REGRESSED, 5 when the machines' hard fingerprint keys differ."})
public class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The old run (baseline).")
    String runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The new run.")
    String runB;

    @Option(names = "--max-regression", paramLabel = "PERCENT", defaultValue = "10",
            description = "Tolerated change for the worse, in percent, for metrics without a max_regression threshold"
                    + " in the configuration (default: ${DEFAULT-VALUE}).")
    String maxRegression;

    @Mixin
    ResultsOptions results;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path base = Path.of("").toAbsolutePath();
        RunConfig loaded = this.results.load(base);
        Path results = this.results.resultsFolder(base, loaded);
        double fallback = percent(maxRegression);
        Baselines.Resolved a = Baselines.resolveRun(results, runA, base);
        Baselines.Resolved b = Baselines.resolveRun(results, runB, base);
        PrintWriter out = spec.commandLine().getOut();

        FingerprintDifferences differences = FingerprintDifferences.between(a.samples().environment(),
                b.samples().environment());
        if (!differences.hard().isEmpty()) {
            String keys = String.join(", ", differences.hard());
            if (!loaded.fingerprintMismatchWarns()) {
                throw new NotComparableException("runs " + a.samples().runId() + " and " + b.samples().runId()
                        + " not comparable: hard keys differ: " + keys
                        + "; set 'icebench.fingerprint-mismatch: warn' to compare anyway");
            }
            out.println("WARNING: hard keys differ (fingerprint-mismatch: warn): " + keys);
        }
        differences.soft().forEach(line -> out.println("soft key differs: " + line));

        List<ComparisonTable.Row> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, RunSamples.MetricSamples>> plugin : b.samples().plugins().entrySet()) {
            for (Map.Entry<String, RunSamples.MetricSamples> metric : plugin.getValue().entrySet()) {
                double pct = configured(loaded, plugin.getKey(), metric.getKey()).orElse(fallback);
                Optional<RunSamples.MetricSamples> old = a.samples().metric(plugin.getKey(), metric.getKey());
                Comparison comparison = old.isEmpty() || old.get().samples().length == 0
                        || metric.getValue().samples().length == 0
                        ? Comparison.notJudged(Comparison.Method.STORED_BASELINE, pct)
                        : RelativeComparison.compare(old.get().samples(), metric.getValue().samples(),
                                metric.getValue().direction(), pct, loaded.alpha(), loaded.confidenceLevel(),
                                a.samples().runId());
                rows.add(new ComparisonTable.Row(plugin.getKey(), metric.getKey(), metric.getValue().unit(),
                        comparison));
            }
        }
        out.println("compare " + a.samples().runId() + " (A, old: " + a.source() + ") -> " + b.samples().runId()
                + " (B, new: " + b.source() + ")");
        out.print(ComparisonTable.render(rows, ""));
        long regressed = rows.stream().filter(r -> r.comparison().verdict() == Comparison.Verdict.REGRESSED).count();
        long improved = rows.stream().filter(r -> r.comparison().verdict() == Comparison.Verdict.IMPROVED).count();
        out.println(rows.size() + " metrics: " + regressed + " regressed, " + improved + " improved (one-sided"
                + " Mann-Whitney U at alpha " + Numbers.format(loaded.alpha()) + " and a Hodges-Lehmann change beyond"
                + " the threshold; " + Numbers.format(loaded.confidenceLevel() * 100) + "% intervals)");
        out.flush();
        return regressed > 0 ? ExitCodes.GATE_FAILED : ExitCodes.OK;
    }

    private static Optional<Double> configured(RunConfig config, String plugin, String metric) {
        return config.plugin(plugin).thresholds().stream()
                .filter(t -> t instanceof Threshold.Relative && t.metric().equals(metric))
                .map(t -> ((Threshold.Relative) t).maxRegressionPercent())
                .findFirst();
    }

    private static double percent(String text) {
        String trimmed = text.trim();
        try {
            double value = Double.parseDouble(trimmed.endsWith("%") ? trimmed.substring(0, trimmed.length() - 1)
                    : trimmed);
            if (value >= 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("--max-regression '" + text + "' is not a percentage; write it as 10% or 10");
    }
}
