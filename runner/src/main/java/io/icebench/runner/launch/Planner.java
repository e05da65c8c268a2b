package io.icebench.runner.launch;

import io.icebench.runner.UsageException;
import io.icebench.runner.config.PluginSettings;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.Discovered;
import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.discovery.DiscoveredWriter;
import io.icebench.runner.discovery.DiscoveryProblem;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.Metric;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a configuration against the discovered plugins and picks what runs. Every mistake is found here, before
 * anything runs: an unknown plugin, a configuration section for a plugin that does not exist, an unknown or
 * mistyped parameter, a threshold on a metric the plugin does not produce, an unknown report writer.
 */
public final class Planner {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Planner.class);

    private Planner() {
    }

    public static Plan plan(Mode mode, List<String> requested, RunConfig config, Discovered discovered) {
        String where = config.source().map(p -> "configuration '" + p + "'").orElse("configuration");
        checkConfiguredPlugins(config, discovered, where);

        List<DiscoveredPlugin> selected = select(mode, requested, config, discovered);
        List<PlannedRun> runs = new ArrayList<>();
        for (DiscoveredPlugin plugin : selected) {
            runs.add(prepare(plugin, config.plugin(plugin.id()), where));
        }
        // Plugins that are configured but not selected are still checked, so a typo fails today, not on the day
        // somebody runs that plugin.
        for (PluginSettings settings : config.plugins().values()) {
            discovered.plugin(settings.id())
                    .filter(plugin -> !selected.contains(plugin))
                    .ifPresent(plugin -> prepare(plugin, settings, where));
        }

        List<DiscoveredWriter> writers = new ArrayList<>();
        for (String id : new LinkedHashSet<>(config.reports())) {
            writers.add(discovered.writer(id).orElseThrow(() -> new UsageException(where + ": unknown report"
                    + " writer '" + id + "' under 'icebench.reports'; known: " + discovered.writers().stream()
                    .map(DiscoveredWriter::id).collect(Collectors.joining(", ")))));
        }
        return new Plan(mode, config, discovered, runs, writers);
    }

    private static void checkConfiguredPlugins(RunConfig config, Discovered discovered, String where) {
        Set<String> broken = discovered.problems().stream().flatMap(problem -> problem.id().stream())
                .collect(Collectors.toSet());
        // A provider that failed before telling its id might be the configured one: then warn, do not refuse.
        boolean anonymousFailures = discovered.problems().stream().anyMatch(problem -> problem.id().isEmpty());
        for (String id : config.plugins().keySet()) {
            if (discovered.plugin(id).isEmpty() && !broken.contains(id)) {
                if (anonymousFailures) {
                    LOG.warnf("%s: 'icebench.plugins.%s' names a plugin that was not found; it may be one of the"
                            + " plugins that could not be loaded", where, id);
                    continue;
                }
                throw new UsageException(where + ": 'icebench.plugins." + id + "' names a plugin that was not found;"
                        + " known: " + String.join(", ", discovered.pluginIds())
                        + " (a drop-in plugin needs --plugin-path; otherwise fix the name or remove the section)");
            }
        }
    }

    private static List<DiscoveredPlugin> select(Mode mode, List<String> requested, RunConfig config,
                                                 Discovered discovered) {
        if (requested.isEmpty()) {
            if (mode == Mode.EXPLORE) {
                throw new UsageException("--mode=explore needs at least one --plugin=ID; known: "
                        + String.join(", ", discovered.pluginIds()));
            }
            return discovered.plugins().stream()
                    .filter(p -> p.kind() == PluginKind.REGRESSION_GATE)
                    .filter(p -> config.plugin(p.id()).enabled())
                    .toList();
        }
        List<DiscoveredPlugin> selected = new ArrayList<>();
        for (String id : new LinkedHashSet<>(requested)) {
            Optional<DiscoveredPlugin> plugin = discovered.plugin(id);
            if (plugin.isEmpty()) {
                String broken = discovered.problems().stream()
                        .filter(problem -> problem.id().filter(id::equals).isPresent())
                        .map(DiscoveryProblem::toString)
                        .findFirst().map(problem -> " (it could not be loaded: " + problem + ")").orElse("");
                throw new UsageException("unknown plugin '" + id + "'" + broken + "; known: "
                        + String.join(", ", discovered.pluginIds()));
            }
            selected.add(plugin.get());
        }
        return selected;
    }

    private static PlannedRun prepare(DiscoveredPlugin plugin, PluginSettings settings, String where) {
        String key = "icebench.plugins." + plugin.id();
        Parameters parameters;
        try {
            parameters = Parameters.resolve(plugin.parameters(), settings.parameters());
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + ": '" + key + ".parameters': " + e.getMessage());
        }
        try {
            plugin.plugin().validate(parameters);
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + ": '" + key + ".parameters': " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            throw new UsageException("plugin '" + plugin.id() + "' failed while checking its parameters: " + e
                    + "; fix the plugin or leave it out with --plugin");
        }
        if (!settings.paired().parameters().isEmpty()) {
            Map<String, String> merged = new java.util.LinkedHashMap<>(settings.parameters());
            merged.putAll(settings.paired().parameters());
            try {
                plugin.plugin().validate(Parameters.resolve(plugin.parameters(), merged));
            } catch (IllegalArgumentException e) {
                throw new UsageException(where + ": '" + key + ".paired.parameters': " + e.getMessage());
            } catch (RuntimeException | LinkageError e) {
                throw new UsageException("plugin '" + plugin.id() + "' failed while checking its parameters: " + e
                        + "; fix the plugin or leave it out with --plugin");
            }
        }
        Map<String, Metric> declared = plugin.metrics().stream()
                .collect(Collectors.toMap(Metric::name, m -> m, (a, b) -> a, java.util.LinkedHashMap::new));
        int index = 0;
        for (Threshold threshold : settings.thresholds()) {
            if (!declared.isEmpty() && !declared.containsKey(threshold.metric())) {
                throw new UsageException(where + ": '" + key + ".thresholds[" + index + "]' is on metric '"
                        + threshold.metric() + "', which plugin '" + plugin.id() + "' does not produce; its metrics: "
                        + String.join(", ", declared.keySet()));
            }
            index++;
        }
        return new PlannedRun(plugin, parameters, settings.timeout().orElse(plugin.defaultTimeout()),
                settings.thresholds(), settings.forks(), settings.paired());
    }
}
