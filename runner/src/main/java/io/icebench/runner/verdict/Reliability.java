package io.icebench.runner.verdict;

import io.icebench.runner.measure.Interference;
import io.icebench.spi.Metric;
import io.icebench.spi.MetricReport;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.ThresholdVerdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a failed absolute threshold into UNRELIABLE when the machine was demonstrably busy while its plugin ran and
 * the figure is one a busy machine moves: a wall-clock one ({@link Metric.Basis#WALL}). A threshold on CPU time or
 * on a count keeps its FAIL, as does every relative threshold (they compare like with like, or fork against fork).
 */
public final class Reliability {

    /** The plugin property that lists the evidence that the machine was busy, when it was. */
    public static final String BUSY = "icebench.interference.busy";
    /** The plugin property that says why its wall-clock failures are UNRELIABLE and what to do, when they are. */
    public static final String REASON = "icebench.interference.unreliable";

    private Reliability() {
    }

    /**
     * The report with the window's interference figures among its properties, and its wall-clock failures
     * UNRELIABLE when {@code window}'s figures or {@code runEvidence} (the yardstick's) say the machine was busy.
     */
    public static PluginReport judge(PluginReport report, Optional<Interference.Figures> window,
                                     List<String> runEvidence) {
        List<String> evidence = new ArrayList<>(window.map(Interference.Figures::evidence).orElse(List.of()));
        evidence.addAll(runEvidence);
        Map<String, String> properties = new LinkedHashMap<>(report.properties());
        window.ifPresent(figures -> properties.putAll(figures.asProperties()));
        properties.putAll(wallOverCpu(report));
        List<ThresholdVerdict> verdicts = report.verdicts();
        if (!evidence.isEmpty()) {
            String busy = String.join("; ", evidence);
            properties.put(BUSY, busy);
            String reason = "the machine was busy (" + busy + "): rerun on a quiet runner, or judge the change"
                    + " against its base with --against HEAD~1";
            verdicts = new ArrayList<>();
            boolean downgraded = false;
            for (ThresholdVerdict verdict : report.verdicts()) {
                if (loadCanExcuse(verdict, basis(report, verdict.metric()))) {
                    downgraded = true;
                    verdicts.add(new ThresholdVerdict(verdict.metric(), verdict.statistic(), verdict.bound(),
                            verdict.limit(), verdict.unit(), verdict.rationale(), verdict.measured(),
                            Outcome.UNRELIABLE, verdict.message() + "; UNRELIABLE, not FAIL: " + reason,
                            verdict.interval(), verdict.inconclusive(), verdict.comparison()));
                } else {
                    verdicts.add(verdict);
                }
            }
            if (downgraded) {
                // The console's line: the strongest piece of evidence, the count of the others, and the fix.
                properties.put(REASON, "the machine was busy (" + evidence.get(0) + (evidence.size() > 1
                        ? "; " + (evidence.size() - 1) + " more in the report" : "") + "): rerun on a quiet runner,"
                        + " or judge the change against its base with --against HEAD~1");
            }
        }
        return new PluginReport(report.id(), report.kind(), report.description(), report.source(), report.status(),
                report.failure(), report.duration(), report.parameters(), report.metrics(), report.tables(),
                report.series(), properties, verdicts, report.files());
    }

    /**
     * For every SPI timer in the report, the median over its samples of wall time over the process's CPU time: for
     * work that keeps one core busy about 1 on a quiet machine, higher by as much as the work waited for a core.
     */
    static Map<String, String> wallOverCpu(PluginReport report) {
        Map<String, String> ratios = new LinkedHashMap<>();
        for (MetricReport wall : report.metrics()) {
            String name = wall.metric().name();
            if (!name.endsWith(".wall_time")) {
                continue;
            }
            String timer = name.substring(0, name.length() - ".wall_time".length());
            report.metric(timer + ".cpu_time").ifPresent(cpu -> {
                double[] w = wall.samples();
                double[] c = cpu.samples();
                int n = Math.min(w.length, c.length);
                double[] ratio = java.util.stream.IntStream.range(0, n).filter(i -> c[i] > 0)
                        .mapToDouble(i -> w[i] / c[i]).sorted().toArray();
                if (ratio.length > 0) {
                    ratios.put("icebench.interference.wall_over_cpu." + timer, String.format(java.util.Locale.ROOT,
                            "%.2f", ratio[ratio.length / 2]));
                }
            });
        }
        return ratios;
    }

    /**
     * The rule, in one place: a failure the machine's load can explain is of an absolute threshold on a wall-clock
     * figure. Relative and paired thresholds compare like with like; CPU time and counts are not moved by load.
     */
    public static boolean loadCanExcuse(ThresholdVerdict verdict, Metric.Basis basis) {
        return verdict.effectiveOutcome() == Outcome.FAIL && !verdict.relative() && basis == Metric.Basis.WALL;
    }

    private static Metric.Basis basis(PluginReport report, String metric) {
        return report.metric(metric).map(MetricReport::metric).map(Metric::basis).orElse(Metric.Basis.WALL);
    }
}
