package io.icebench.runner.verdict;

import io.icebench.runner.measure.Interference;
import io.icebench.spi.Metric;
import io.icebench.spi.report.MetricReport;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.PluginReport;
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
        List<ThresholdVerdict> verdicts = report.verdicts();
        if (!evidence.isEmpty()) {
            String busy = String.join("; ", evidence);
            properties.put(BUSY, busy);
            String reason = "the machine was busy (" + busy + "): rerun on a quiet runner, or judge the change"
                    + " against its base with --against HEAD~1";
            verdicts = new ArrayList<>();
            boolean downgraded = false;
            for (ThresholdVerdict verdict : report.verdicts()) {
                if (verdict.effectiveOutcome() == Outcome.FAIL && !verdict.relative()
                        && basis(report, verdict.metric()) == Metric.Basis.WALL) {
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
                properties.put(REASON, reason);
            }
        }
        return new PluginReport(report.id(), report.kind(), report.description(), report.source(), report.status(),
                report.failure(), report.duration(), report.parameters(), report.metrics(), report.tables(),
                report.series(), properties, verdicts, report.files());
    }

    private static Metric.Basis basis(PluginReport report, String metric) {
        return report.metric(metric).map(MetricReport::metric).map(Metric::basis).orElse(Metric.Basis.WALL);
    }
}
