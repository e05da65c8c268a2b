package io.icebench.runner.discovery;

import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import io.icebench.spi.PluginKind;

import java.time.Duration;
import java.util.List;

/**
 * A plugin that loaded and passed the checks, with its metadata read once (so a plugin whose {@code metrics()}
 * throws is caught at discovery, not in the middle of a run).
 *
 * @param source {@code built-in} for plugins on the application class path, otherwise the jar (or folder) it came from
 */
public record DiscoveredPlugin(BenchmarkPlugin plugin, String id, PluginKind kind, String description,
                               List<Metric> metrics, List<ParameterSpec> parameters, Duration defaultTimeout,
                               String spiVersion, String source) {

    public DiscoveredPlugin {
        metrics = List.copyOf(metrics);
        parameters = List.copyOf(parameters);
    }

    /** The source of a plugin whose figures come from a file ({@code runner import-jmh}), not from this machine. */
    public static final String IMPORTED = "import ";

    /** Whether this plugin measures on this machine, now; an imported result was measured elsewhere. */
    public boolean measuresHere() {
        return !source.startsWith(IMPORTED);
    }
}
