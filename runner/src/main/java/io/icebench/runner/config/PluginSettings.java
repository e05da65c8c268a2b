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
                             List<Threshold> thresholds, int forks, PairedDesign paired) {

    /**
     * How {@code --against} measures a gate: blocks of one fork of the base and one of this build, in random order,
     * looked at after every block from {@code minBlocks} on, until every paired threshold is decided, or
     * {@code maxBlocks} blocks or {@code budget} of wall time are spent. A {@code duet} runs the block's two forks at
     * the same time instead, so that interference from the rest of the machine hits both alike (for gates that use
     * one core).
     */
    public record PairedDesign(int minBlocks, int maxBlocks, Duration budget, boolean duet,
                               Map<String, String> parameters) {

        /** The defaults of docs/CONFIG.md. */
        public static final PairedDesign DEFAULT = new PairedDesign(6, 30, Duration.ofMinutes(3), false, Map.of());

        /** A design with the plugin's own parameters. */
        public PairedDesign(int minBlocks, int maxBlocks, Duration budget, boolean duet) {
            this(minBlocks, maxBlocks, budget, duet, Map.of());
        }

        /** A sequential design (one fork after the other) with the plugin's own parameters. */
        public PairedDesign(int minBlocks, int maxBlocks, Duration budget) {
            this(minBlocks, maxBlocks, budget, false, Map.of());
        }

        public PairedDesign {
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            if (minBlocks < io.icebench.runner.statistics.PairedComparison.MIN_BLOCKS || maxBlocks < minBlocks) {
                throw new IllegalArgumentException("paired blocks need " + io.icebench.runner.statistics
                        .PairedComparison.MIN_BLOCKS + " <= min-blocks <= max-blocks, was " + minBlocks + " and "
                        + maxBlocks);
            }
        }
    }

    /** Settings with one fork and the default paired design. */
    public PluginSettings(String id, boolean enabled, Optional<Duration> timeout, Map<String, String> parameters,
                          List<Threshold> thresholds) {
        this(id, enabled, timeout, parameters, thresholds, 1, PairedDesign.DEFAULT);
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
