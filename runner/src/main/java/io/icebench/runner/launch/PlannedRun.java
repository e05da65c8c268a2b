package io.icebench.runner.launch;

import io.icebench.runner.config.PluginSettings;
import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.Parameters;

import java.time.Duration;
import java.util.List;

/**
 * One plugin, ready to run: parameters resolved, timeout chosen, thresholds checked against its metrics.
 *
 * @param forks  JVMs of its own one measurement pools (1: the runner's own JVM)
 * @param paired how {@code --against} measures it
 */
public record PlannedRun(DiscoveredPlugin plugin, Parameters parameters, Duration timeout, List<Threshold> thresholds,
                         int forks, PluginSettings.PairedDesign paired) {

    /** A run in the runner's own JVM, with the default paired design. */
    public PlannedRun(DiscoveredPlugin plugin, Parameters parameters, Duration timeout, List<Threshold> thresholds) {
        this(plugin, parameters, timeout, thresholds, 1, PluginSettings.PairedDesign.DEFAULT);
    }

    public PlannedRun {
        thresholds = List.copyOf(thresholds);
    }

    /** The same run with other thresholds (accepted slowdowns, calibration). */
    public PlannedRun withThresholds(List<Threshold> replaced) {
        return new PlannedRun(plugin, parameters, timeout, replaced, forks, paired);
    }

    /** The same run with other parameters: a paired fork's ({@code paired.parameters}). */
    public PlannedRun withParameters(Parameters replaced) {
        return new PlannedRun(plugin, replaced, timeout, thresholds, forks, paired);
    }

    /** Whether {@code --against} has something to judge in this run: a paired threshold. */
    public boolean hasPairedThresholds() {
        return thresholds.stream().anyMatch(t -> t instanceof Threshold.Paired);
    }
}
