package io.icebench.runner.launch;

import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.Discovered;
import io.icebench.runner.discovery.DiscoveredWriter;

import java.util.List;

/** A checked run: which plugins run with what, and which writers report it. */
public record Plan(Mode mode, RunConfig config, Discovered discovered, List<PlannedRun> runs,
                   List<DiscoveredWriter> writers) {

    public Plan {
        runs = List.copyOf(runs);
        writers = List.copyOf(writers);
    }
}
