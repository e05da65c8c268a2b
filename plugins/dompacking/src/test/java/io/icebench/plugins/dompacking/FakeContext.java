package io.icebench.plugins.dompacking;

import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What the runner would hand the plugin: resolved parameters, a dataset folder and an output folder. */
final class FakeContext implements PluginContext {

    private final Parameters parameters;
    private final Path dataset;
    private final Path output;
    private volatile boolean cancelled;

    FakeContext(BenchmarkPlugin plugin, Map<String, String> parameters, Path dataset, Path output) {
        this.parameters = Parameters.resolve(plugin.parameters(), parameters);
        this.dataset = dataset;
        this.output = output;
    }

    void cancel() {
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
        return System.getLogger("io.icebench.plugin.dompacking.test");
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
