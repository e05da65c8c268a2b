package io.icebench.runner.launch;

import io.icebench.runner.config.RunConfig;
import io.icebench.runner.statistics.Summaries;
import io.icebench.runner.statistics.Trend;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.MetricReport;
import io.icebench.spi.PluginReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.ThresholdVerdict;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assembles a judged plugin run into its report: statistics of every metric (computed once, here), the warm-up
 * trend check, the plugin's properties and how many attempts it took. The samples in the report are exactly the
 * ones the verdicts were judged on.
 */
final class PluginReports {

    private static final Logger LOG = Logger.getLogger(PluginReports.class);

    private PluginReports() {
    }

    static PluginReport assemble(PlannedRun run, RunConfig config, RunStatus status, Optional<String> failure,
                                 Optional<Measurements> judged, List<ThresholdVerdict> verdicts, Duration duration,
                                 int attempts, List<String> history) {
        var plugin = run.plugin();
        failure.ifPresent(reason -> LOG.errorf("%s", reason));
        List<MetricReport> metrics = new ArrayList<>();
        Map<String, String> trends = new LinkedHashMap<>();
        Measurements measurements = judged.orElse(null);
        if (measurements != null) {
            for (Measurement measurement : measurements.measurements()) {
                if (measurement.sampleCount() > 0) {
                    metrics.add(new MetricReport(measurement.metric(), measurement.samples(),
                            Summaries.of(measurement.samples(), config.confidenceLevel())));
                    Trend.check(measurement.metric().name(), measurement.samples(),
                            measurement.metric().direction(), config.alpha()).ifPresent(warning -> {
                                LOG.warnf("'%s': %s", plugin.id(), warning);
                                trends.put("icebench.trend." + measurement.metric().name(), warning);
                            });
                }
            }
        }
        Map<String, String> properties = new LinkedHashMap<>(measurements == null ? Map.of()
                : measurements.properties());
        properties.putAll(trends);
        if (attempts > 1) {
            properties.put("icebench.attempts", attempts + " (" + String.join("; ", history) + ")");
        }
        LOG.debugf("plugin '%s' finished in %d ms with %d metrics after %d attempt(s)", plugin.id(),
                duration.toMillis(), metrics.size(), attempts);
        return new PluginReport(plugin.id(), plugin.kind(), plugin.description(), plugin.source(), status, failure,
                duration, run.parameters().asText(), metrics, measurements == null ? List.of() : measurements.tables(),
                measurements == null ? List.of() : measurements.series(), properties, verdicts, List.of());
    }
}
