package io.icebench.spi.testkit;

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
 * A {@link PluginContext} for a plugin's own unit tests, without the runner: parameters are resolved against the
 * plugin's declared {@link io.icebench.spi.ParameterSpec}s and passed through its
 * {@link BenchmarkPlugin#validate(Parameters)} exactly as the runner does at start, so a test sees the same
 * errors a user would.
 *
 * <pre>{@code
 * Measurements result = plugin.run(new TestContext(plugin, Map.of("iterations", "3"), datasetDir, tempDir));
 * }</pre>
 */
public final class TestContext implements PluginContext {

    private final Parameters parameters;
    private final Path dataset;
    private final Path output;
    private final String pluginId;
    private volatile boolean cancelled;

    /**
     * @param parameters configured values as text, as they would appear in the YAML
     * @param dataset    the dataset folder, or null for "none configured"
     * @param output     the plugin's output folder; created on first use
     * @throws IllegalArgumentException when a parameter is unknown, mistyped or rejected by the plugin
     */
    public TestContext(BenchmarkPlugin plugin, Map<String, String> parameters, Path dataset, Path output) {
        this.parameters = Parameters.resolve(plugin.parameters(), parameters);
        plugin.validate(this.parameters);
        this.dataset = dataset;
        this.output = output;
        this.pluginId = plugin.id();
    }

    /** What the runner does when a plugin outlives its timeout. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public Optional<Path> dataset() {
        return Optional.ofNullable(dataset);
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
        return System.getLogger("io.icebench.plugin." + pluginId + ".test");
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
