package io.icebench.plugins.forward;

import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The context {@link StrategyComparison} runs the plugin in, outside the runner: parameters resolved against the
 * plugin's declarations and checked by its {@code validate}, as the runner does; no progress display, unslowed
 * timers, never cancelled. Main code of its own, so that the test kit stays a test dependency.
 */
record StandaloneContext(Parameters parameters, Optional<Path> dataset, Path output, String pluginId)
        implements PluginContext {

    /** @throws IllegalArgumentException when a parameter is unknown, mistyped or rejected by the plugin */
    static StandaloneContext of(BenchmarkPlugin plugin, Map<String, String> values, Optional<Path> dataset,
                                Path output) {
        Parameters parameters = Parameters.resolve(plugin.parameters(), values);
        plugin.validate(parameters);
        return new StandaloneContext(parameters, dataset, output, plugin.id());
    }

    @Override
    public Path outputDirectory() {
        try {
            return Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("io.icebench.plugin." + pluginId);
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
