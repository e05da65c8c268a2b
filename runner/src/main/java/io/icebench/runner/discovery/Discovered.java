package io.icebench.runner.discovery;

import java.util.List;
import java.util.Optional;

/** What discovery found: usable plugins (sorted by id) and writers (in discovery order), and the problems. */
public record Discovered(List<DiscoveredPlugin> plugins, List<DiscoveredWriter> writers,
                         List<DiscoveryProblem> problems) {

    public Discovered {
        plugins = List.copyOf(plugins);
        writers = List.copyOf(writers);
        problems = List.copyOf(problems);
    }

    public Optional<DiscoveredPlugin> plugin(String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<DiscoveredWriter> writer(String id) {
        return writers.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    public List<String> pluginIds() {
        return plugins.stream().map(DiscoveredPlugin::id).toList();
    }
}
