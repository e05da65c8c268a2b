package io.icebench.runner.measure;

import io.icebench.runner.progress.Progresses;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The runner's {@link PluginContext}: one per plugin run. */
public final class RunContext implements PluginContext {

    private final String pluginId;
    private final Parameters parameters;
    private final Optional<Path> dataset;
    private final Path outputDirectory;
    private final Slowdown slowdown;
    private final Optional<java.net.URI> remote;
    private volatile boolean cancelled;

    public RunContext(String pluginId, Parameters parameters, Optional<Path> dataset, Path outputDirectory) {
        this(pluginId, parameters, dataset, outputDirectory, Slowdown.NONE);
    }

    /** A context whose timers (and 1.2's {@code afterTimedWork}) inject {@code slowdown} (calibration's detection runs). */
    public RunContext(String pluginId, Parameters parameters, Optional<Path> dataset, Path outputDirectory,
                      Slowdown slowdown) {
        this(pluginId, parameters, dataset, Optional.empty(), outputDirectory, slowdown);
    }

    /** A context whose dataset may live on a Hadoop file system ({@code remote}). */
    public RunContext(String pluginId, Parameters parameters, Optional<Path> dataset,
                      Optional<java.net.URI> remote, Path outputDirectory, Slowdown slowdown) {
        this.remote = remote;
        this.slowdown = slowdown;
        this.pluginId = pluginId;
        this.parameters = parameters;
        this.dataset = dataset;
        this.outputDirectory = outputDirectory;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public Optional<Path> dataset() {
        if (remote.isPresent()) {
            // Empty would send the plugin to the embedded default dataset: measuring other data than asked for.
            throw new UnsupportedOperationException("the run's dataset is on a Hadoop file system ("
                    + io.icebench.runner.config.RemoteData.shown(remote.get().toString()) + "), and plugin '"
                    + pluginId + "' asked for a local folder; a plugin reads a remote dataset through"
                    + " context.datasetLocation() (SPI 1.4)");
        }
        return dataset;
    }

    /** The remote dataset's URI, or the local folder's. */
    @Override
    public Optional<java.net.URI> datasetLocation() {
        return remote.or(() -> dataset.map(Path::toUri));
    }

    @Override
    public Path outputDirectory() {
        try {
            return Files.createDirectories(outputDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder of plugin '" + pluginId + "'", e);
        }
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("io.icebench.plugin." + pluginId);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /** Shown as {@code <plugin-id>: <task>}, as a bar on a terminal or as log lines (see {@link Progresses}). */
    @Override
    public Progress progress(String task, long total) {
        return Progresses.start(pluginId + ": " + task, total);
    }

    /** A timer whose samples carry the injected slowdown, on the threads that do the work. */
    @Override
    public io.icebench.spi.Timer timer(String name, String unit) {
        return io.icebench.spi.Timer.slowed(name, unit, slowdown.fraction());
    }

    /** For plugins built against SPI 1.2, which report their timed units here. */
    @Override
    @SuppressWarnings("deprecation")
    public void afterTimedWork(long elapsedNanos) {
        slowdown.apply(elapsedNanos);
    }

    void cancel() {
        cancelled = true;
    }
}
