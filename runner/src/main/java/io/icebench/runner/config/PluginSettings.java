package io.icebench.runner.config;

import io.icebench.runner.verdict.Threshold;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of one plugin, checked for form (types, exactly one bound, a rationale) but not yet against
 * the plugin itself: {@link io.icebench.runner.launch.Planner} does that once plugins are discovered.
 */
public record PluginSettings(String id, boolean enabled, Optional<Duration> timeout, Map<String, String> parameters,
                             List<Threshold> thresholds, int forks) {

    /** Settings with one fork: the plugin runs in the runner's own JVM. */
    public PluginSettings(String id, boolean enabled, Optional<Duration> timeout, Map<String, String> parameters,
                          List<Threshold> thresholds) {
        this(id, enabled, timeout, parameters, thresholds, 1);
    }

    public PluginSettings {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, was " + forks);
        }
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        thresholds = List.copyOf(thresholds);
    }

    /** What a plugin the configuration does not mention runs with. */
    public static PluginSettings defaults(String id) {
        return new PluginSettings(id, true, Optional.empty(), Map.of(), List.of());
    }
}
