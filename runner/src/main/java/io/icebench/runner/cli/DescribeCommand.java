package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.UsageException;
import io.icebench.runner.config.PluginSettings;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.Discovered;
import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.discovery.PluginDiscovery;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code runner describe ID}: what a plugin accepts and reports, and what the active configuration asks of it. Where
 * {@code list} is one line per plugin, this is the page a user reads before writing the plugin's section of the
 * YAML file: every parameter with its type and default, every metric with its unit and which way is better, and the
 * thresholds the configuration judges it by.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Shows one plugin's parameters, metrics and thresholds.",
            "Parameters with their types, defaults and the values the configuration sets; metrics with their units,"
                + " which way is better and what they are measured with; the thresholds of the active configuration"
                + " (--config, or config/icebench.yaml when it exists), each with its rationale."})
public class DescribeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(DescribeCommand.class);

    @Parameters(index = "0", paramLabel = "ID", description = "The plugin's id, as 'list' shows it.")
    String id;

    @Mixin
    ConfigOption config;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path base = Path.of("").toAbsolutePath();
        RunConfig loaded = config.load(base);
        Discovered discovered = PluginDiscovery.discover(common.pluginPath().map(base::resolve),
                loaded.pluginAllowlist());
        DiscoveredPlugin plugin = discovered.plugin(id).orElseThrow(() -> new UsageException("unknown plugin '" + id
                + "'; known: " + String.join(", ", discovered.pluginIds())));
        PluginSettings settings = loaded.plugin(id);
        String where = loaded.source().map(Path::toString).orElse("the built-in defaults");
        LOG.debugf("describe '%s': %s from %s, configuration %s", id, plugin.kind().label(), plugin.source(), where);

        PrintWriter out = spec.commandLine().getOut();
        out.println(plugin.id() + " (" + plugin.kind().label() + ", " + plugin.source() + ", SPI "
                + plugin.spiVersion() + ")" + (plugin.description().isEmpty() ? "" : ": " + plugin.description()));
        out.println("timeout " + settings.timeout().map(DescribeCommand::duration).orElse(duration(plugin.defaultTimeout())
                + " (the plugin's default)") + (settings.enabled() ? "" : "; disabled in " + where));

        out.println();
        out.println("Parameters (" + plugin.parameters().size() + "):");
        if (!plugin.parameters().isEmpty()) {
            TextTable parameters = new TextTable("NAME", "TYPE", "DEFAULT", "CONFIGURED", "DESCRIPTION");
            for (ParameterSpec parameter : plugin.parameters()) {
                parameters.row(parameter.name(), parameter.type().name().toLowerCase(Locale.ROOT),
                        parameter.defaultValue(), settings.parameters().getOrDefault(parameter.name(), ""),
                        parameter.description());
            }
            out.print(parameters.render("  "));
        }

        out.println();
        out.println("Metrics (" + plugin.metrics().size() + "):"
                + (plugin.metrics().isEmpty() ? " not declared; thresholds are checked against the results only" : ""));
        if (!plugin.metrics().isEmpty()) {
            TextTable metrics = new TextTable("NAME", "UNIT", "BETTER", "BASIS", "DESCRIPTION");
            for (Metric metric : plugin.metrics()) {
                metrics.row(metric.name(), metric.unit().symbol(), metric.direction().label(), metric.basis().label(),
                        metric.description());
            }
            out.print(metrics.render("  "));
        }

        out.println();
        out.println("Thresholds in " + where + " (" + settings.thresholds().size() + "):"
                + (settings.thresholds().isEmpty() ? " none; add them under icebench.plugins." + id
                        + ".thresholds (docs/CONFIG.md)" : ""));
        if (!settings.thresholds().isEmpty()) {
            TextTable thresholds = new TextTable("THRESHOLD", "INCONCLUSIVE", "RATIONALE");
            for (Threshold threshold : settings.thresholds()) {
                thresholds.row(threshold.describe(), threshold.inconclusive().label(),
                        threshold.rationale());
            }
            out.print(thresholds.render("  "));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** A duration as the configuration writes it: {@code 2m}, {@code 90s}, {@code 500ms}. */
    static String duration(java.time.Duration duration) {
        long seconds = duration.toSeconds();
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds > 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
