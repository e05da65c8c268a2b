package io.icebench.runner.cli;

import io.icebench.runner.discovery.Discovered;
import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.discovery.DiscoveredWriter;
import io.icebench.runner.discovery.DiscoveryProblem;
import io.icebench.runner.discovery.PluginDiscovery;
import io.icebench.runner.ExitCodes;
import io.icebench.runner.config.ConfigLoader;
import io.icebench.runner.config.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code runner list}: every plugin and report writer found, where from, and what could not be loaded and why.
 *
 * <p>It reads the configuration as a run does (so a configuration mistake is exit 2 here too): listing a plugin
 * folder creates its providers, which runs their code, so {@code icebench.plugin-allowlist} must hold for it.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists discovered plugins (id, kind, source, description), report writers, and what could not load.")
public class ListCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration, read for icebench.plugin-allowlist (default: config/icebench.yaml"
                    + " when it exists).")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path base = Path.of("").toAbsolutePath();
        RunConfig loaded = ConfigLoader.load(Optional.ofNullable(config), base);
        Discovered discovered = PluginDiscovery.discover(common.pluginPath().map(base::resolve),
                loaded.pluginAllowlist());
        PrintWriter out = spec.commandLine().getOut();
        TextTable plugins = new TextTable("ID", "KIND", "SOURCE", "DESCRIPTION");
        for (DiscoveredPlugin plugin : discovered.plugins()) {
            plugins.row(plugin.id(), plugin.kind().label(), plugin.source(), plugin.description());
        }
        out.println("Plugins (" + discovered.plugins().size() + "):");
        out.print(plugins.render("  "));

        TextTable writers = new TextTable("ID", "SOURCE", "DESCRIPTION");
        for (DiscoveredWriter writer : discovered.writers()) {
            writers.row(writer.id(), writer.source(), writer.description());
        }
        out.println();
        out.println("Report writers (" + discovered.writers().size() + "):");
        out.print(writers.render("  "));

        if (!discovered.problems().isEmpty()) {
            out.println();
            out.println("Could not load (" + discovered.problems().size() + "):");
            for (DiscoveryProblem problem : discovered.problems()) {
                out.println("  " + problem);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
