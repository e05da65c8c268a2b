package io.icebench.runner.interchange;

import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;

import java.time.Duration;
import java.util.List;

/**
 * Results measured elsewhere, posing as a regression gate so that they go through the normal pipeline: thresholds,
 * reports, history and baselines. {@link #run} measures nothing; it returns what was read.
 */
final class ImportedPlugin implements BenchmarkPlugin {

    private final String id;
    private final String description;
    private final Measurements measurements;

    ImportedPlugin(String id, String description, Measurements measurements) {
        this.id = id;
        this.description = description;
        this.measurements = measurements;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public PluginKind kind() {
        return PluginKind.REGRESSION_GATE;
    }

    @Override
    public Measurements run(PluginContext context) {
        return measurements;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Metric> metrics() {
        return measurements.measurements().stream().map(m -> m.metric()).toList();
    }

    @Override
    public Duration defaultTimeout() {
        return Duration.ofMinutes(1);
    }
}
