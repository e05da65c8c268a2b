package io.icebench.spi.testkit;

import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PluginContext} for a plugin's own unit tests, without the runner: parameters are resolved against the
 * plugin's declared {@link io.icebench.spi.ParameterSpec}s and passed through its
 * {@link BenchmarkPlugin#validate(Parameters)} exactly as the runner does at start, so a test sees the same
 * errors a user would.
 *
 * <pre>{@code
 * Measurements result = plugin.run(new TestContext(plugin, Map.of("iterations", "3"), datasetDir, tempDir));
 * }</pre>
 *
 * <p>Progress is not shown but recorded ({@link #progressReported()}), so a test can check that a plugin's long
 * tasks count up to the total they announced and are closed: a miscounted total would otherwise only show as a
 * bar stuck short of 100 % on someone's terminal.
 */
public final class TestContext implements PluginContext {

    private final Parameters parameters;
    private final Path dataset;
    private java.net.URI location;
    private final Path output;
    private final String pluginId;
    private volatile boolean cancelled;
    private volatile double slowdown;
    private final List<io.icebench.spi.Timer> timers = new CopyOnWriteArrayList<>();
    private final List<RecordedProgress> progress = new CopyOnWriteArrayList<>();
    private final AtomicLong timedWork = new AtomicLong();
    private final Map<String, java.util.concurrent.atomic.LongAdder> timedWorkByThread =
            new java.util.concurrent.ConcurrentHashMap<>();

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

    /**
     * Slows every timer's work by {@code fraction} (0.5 for 50%), as {@code runner calibrate --inject-slowdown}
     * does: a test can check that the slowdown lands in the plugin's figures.
     */
    public TestContext slowedBy(double fraction) {
        this.slowdown = fraction;
        return this;
    }

    /** Every timer the plugin asked for, in order. */
    public List<io.icebench.spi.Timer> timers() {
        return List.copyOf(timers);
    }

    @Override
    public io.icebench.spi.Timer timer(String name, String unit) {
        io.icebench.spi.Timer timer = io.icebench.spi.Timer.slowed(name, unit, slowdown);
        timers.add(timer);
        return timer;
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
        return location == null ? Optional.ofNullable(dataset) : Optional.empty();
    }

    /** A context whose dataset lives at {@code uri}, such as a test's in-process HDFS; {@link #dataset()} is then empty. */
    public TestContext withDatasetLocation(java.net.URI uri) {
        this.location = uri;
        return this;
    }

    @Override
    public Optional<java.net.URI> datasetLocation() {
        return location != null ? Optional.of(location) : Optional.ofNullable(dataset).map(Path::toUri);
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

    /** Records the task instead of showing it. */
    @Override
    public Progress progress(String task, long total) {
        RecordedProgress recorded = new RecordedProgress(task, total);
        progress.add(recorded);
        return recorded;
    }

    /**
     * Counts the call and remembers the calling thread's name: a gate's test can check it reports each timed unit,
     * on the threads that do the work, which calibration depends on. Thread-safe.
     */
    @Override
    @SuppressWarnings("deprecation")
    public void afterTimedWork(long elapsedNanos) {
        timedWork.incrementAndGet();
        timedWorkByThread.computeIfAbsent(Thread.currentThread().getName(),
                name -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    /** How many times the plugin called {@link #afterTimedWork(long)}, from any thread. */
    public long timedWorkReported() {
        return timedWork.get();
    }

    /**
     * How many times each thread, by name, called {@link #afterTimedWork(long)}. The injected slowdown spins the
     * calling thread, so a gate whose work runs on threads of its own can check that the calls come from those.
     */
    public Map<String, Long> timedWorkByThread() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        timedWorkByThread.forEach((name, count) -> counts.put(name, count.sum()));
        return counts;
    }

    /** Every task the plugin started, in order, with the units it stepped so far. */
    public List<RecordedProgress> progressReported() {
        return List.copyOf(progress);
    }

    /** A {@link Progress} that remembers what it was told; thread-safe like the runner's. */
    public static final class RecordedProgress implements Progress {
        private final String task;
        private final long total;
        private final AtomicLong done = new AtomicLong();
        private final AtomicBoolean closed = new AtomicBoolean();

        RecordedProgress(String task, long total) {
            this.task = task;
            this.total = total;
        }

        @Override
        public void step(long units) {
            done.addAndGet(units);
        }

        @Override
        public void close() {
            closed.set(true);
        }

        public String task() {
            return task;
        }

        public long total() {
            return total;
        }

        public long done() {
            return done.get();
        }

        public boolean closed() {
            return closed.get();
        }

        @Override
        public String toString() {
            return task + ": " + done() + "/" + total + (closed() ? ", closed" : "");
        }
    }
}
