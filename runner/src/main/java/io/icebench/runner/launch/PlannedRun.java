package io.icebench.runner.launch;

import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.Parameters;

import java.time.Duration;
import java.util.List;

/** One plugin, ready to run: parameters resolved, timeout chosen, thresholds checked against its metrics. */
public record PlannedRun(DiscoveredPlugin plugin, Parameters parameters, Duration timeout, List<Threshold> thresholds,
                         int forks) {

    /** A run in the runner's own JVM. */
    public PlannedRun(DiscoveredPlugin plugin, Parameters parameters, Duration timeout, List<Threshold> thresholds) {
        this(plugin, parameters, timeout, thresholds, 1);
    }

    public PlannedRun {
        thresholds = List.copyOf(thresholds);
    }
}
