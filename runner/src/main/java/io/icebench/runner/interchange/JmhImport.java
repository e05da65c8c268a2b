package io.icebench.runner.interchange;

import io.icebench.runner.UsageException;
import io.icebench.runner.config.ConfigLoader;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.Discovered;
import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.discovery.PluginDiscovery;
import io.icebench.runner.launch.Launcher;
import io.icebench.runner.launch.Mode;
import io.icebench.runner.launch.Plan;
import io.icebench.runner.launch.Planner;
import io.icebench.runner.launch.RunRequest;
import io.icebench.runner.launch.RunResult;
import io.icebench.spi.Spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Imports a JMH result file as a regression run of one plugin ({@code jmh} unless told otherwise): the file is read
 * first (a bad file stops here, before any results folder exists), then the imported plugin joins the discovered
 * ones and the run is planned with only it selected, so its configuration section
 * ({@code icebench.plugins.<id>}: thresholds, timeout) applies as to any plugin, and the other sections are checked
 * as in every run. Reports, history, baselines and the exit code follow unchanged, except that an import is never
 * re-run (icebench.inconclusive-reruns and confirm-failures do not apply): the file's samples are all there is.
 */
public final class JmhImport {

    /** The plugin id imported results get unless {@code --id} says otherwise. */
    public static final String DEFAULT_ID = "jmh";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    private JmhImport() {
    }

    /**
     * Reads {@code file} and runs it through the pipeline.
     *
     * @param request its configuration, plugin path, results folder, baseline and base folder are used; mode and
     *                plugin ids are ignored (always a regression run of the imported plugin)
     * @throws UsageException for a bad id, file or configuration, before anything is written
     */
    public static RunResult run(Path file, String id, RunRequest request) {
        if (!ID.matcher(id).matches()) {
            throw new UsageException("--id '" + id + "' is not a plugin id: use lower case letters, digits and"
                    + " dashes, starting with a letter, such as " + DEFAULT_ID + " or jmh-parser");
        }
        Path resolved = request.base().resolve(file);
        JmhResultFile.Contents contents = JmhResultFile.read(resolved);

        // Re-running an import would only pool copies of the same samples: fake evidence. An INCONCLUSIVE threshold
        // follows its 'inconclusive' policy at once, and a failure stands unconfirmed.
        RunConfig config = ConfigLoader.load(request.configFile(), request.base()).withReruns(0, false);
        if (request.resultsDir().isPresent()) {
            config = config.withResultsDir(request.base().resolve(request.resultsDir().get()));
        }
        Discovered found = PluginDiscovery.discover(request.pluginPath().map(request.base()::resolve),
                config.pluginAllowlist());
        Optional<DiscoveredPlugin> clash = found.plugin(id);
        if (clash.isPresent()) {
            throw new UsageException("--id '" + id + "' is the id of an installed plugin (" + clash.get().source()
                    + "); imported results would mix with its history and baselines: choose another --id, such as "
                    + DEFAULT_ID);
        }
        String description = "imported from " + resolved.getFileName() + ": " + contents.benchmarks()
                + " JMH benchmark(s)";
        ImportedPlugin plugin = new ImportedPlugin(id, description, contents.asMeasurements());
        DiscoveredPlugin imported = new DiscoveredPlugin(plugin, id, plugin.kind(), description, plugin.metrics(),
                plugin.parameters(), plugin.defaultTimeout(), Spi.VERSION, DiscoveredPlugin.IMPORTED + resolved);
        List<DiscoveredPlugin> plugins = new ArrayList<>(found.plugins());
        plugins.add(imported);
        plugins.sort(Comparator.comparing(DiscoveredPlugin::id));
        Discovered discovered = new Discovered(plugins, found.writers(), found.problems());

        Plan plan = Planner.plan(Mode.REGRESSION, List.of(id), config, discovered);
        RunRequest run = new RunRequest(Mode.REGRESSION, List.of(id), request.configFile(), request.pluginPath(),
                request.resultsDir(), Optional.empty(), request.base(), request.baseline(), Optional.empty());
        return Launcher.execute(plan, run);
    }
}
