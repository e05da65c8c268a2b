package io.icebench.runner.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the user asked for: the command line's content, independent of picocli so tests and the regression suite
 * can start runs directly.
 *
 * @param mode       regression or explore
 * @param pluginIds  plugins named with {@code --plugin}, in order; empty means "all gates" in regression mode
 * @param configFile {@code --config}
 * @param pluginPath {@code --plugin-path}
 * @param resultsDir {@code --results-dir}, overriding the configuration
 * @param dataset    {@code --dataset}, overriding the configuration
 * @param base       the folder relative paths are resolved against
 * @param baseline   {@code --baseline}: a saved baseline's name, {@code latest}, or a file; empty for none
 * @param against    {@code --against REF} or {@code --against-app DIR}: the base paired thresholds compare with,
 *                   measured in this job; empty for none
 */
public record RunRequest(Mode mode, List<String> pluginIds, Optional<Path> configFile, Optional<Path> pluginPath,
                         Optional<Path> resultsDir, Optional<String> dataset, Path base, Optional<String> baseline,
                         Optional<Against> against) {

    public RunRequest withBaseline(String spec) {
        return new RunRequest(mode, pluginIds, configFile, pluginPath, resultsDir, dataset, base, Optional.of(spec),
                against);
    }

    public RunRequest withAgainst(Against base) {
        return new RunRequest(mode, pluginIds, configFile, pluginPath, resultsDir, dataset, this.base, baseline,
                Optional.of(base));
    }

    public RunRequest {
        pluginIds = List.copyOf(pluginIds);
    }

    public static RunRequest of(Mode mode, Path base) {
        return new RunRequest(mode, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                base, Optional.empty(), Optional.empty());
    }

    public RunRequest withPlugins(String... ids) {
        return new RunRequest(mode, List.of(ids), configFile, pluginPath, resultsDir, dataset, base, baseline, against);
    }

    public RunRequest withConfig(Path file) {
        return new RunRequest(mode, pluginIds, Optional.of(file), pluginPath, resultsDir, dataset, base, baseline, against);
    }

    public RunRequest withPluginPath(Path folder) {
        return new RunRequest(mode, pluginIds, configFile, Optional.of(folder), resultsDir, dataset, base, baseline, against);
    }

    public RunRequest withResultsDir(Path folder) {
        return new RunRequest(mode, pluginIds, configFile, pluginPath, Optional.of(folder), dataset, base, baseline, against);
    }
}
