package io.icebench.runner.measure;

import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.PluginContext;
import io.icebench.spi.report.RunStatus;
import org.jboss.logging.Logger;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one plugin on a thread of its own under a timeout, and turns whatever happens into an {@link Execution}.
 *
 * <p>Containment follows JUnit Platform's launcher: a plugin that throws, returns nothing, runs out of memory or
 * outlives its timeout becomes a failed execution and the run goes on. On timeout the thread is interrupted and
 * the context reports cancellation; a plugin that ignores both keeps its (daemon) thread until the process ends,
 * which is logged because it disturbs the measurements of the plugins after it.
 */
public final class PluginExecutor {

    private static final Logger LOG = Logger.getLogger(PluginExecutor.class);

    private PluginExecutor() {
    }

    public static Execution execute(BenchmarkPlugin plugin, String id, RunContext context, Duration timeout) {
        long start = System.nanoTime();
        CompletableFuture<Measurements> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(plugin.run(context));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "icebench-plugin-" + id);
        thread.setDaemon(true);
        thread.start();
        try {
            Measurements measurements = result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            Duration took = since(start);
            if (measurements == null) {
                return Execution.failed(RunStatus.ERROR, "plugin '" + id + "' returned no measurements (null);"
                        + " return Measurements.builder()...build()", null, took);
            }
            return Execution.completed(measurements, took);
        } catch (TimeoutException e) {
            context.cancel();
            thread.interrupt();
            joinBriefly(thread);
            String still = "";
            if (thread.isAlive()) {
                // Only with isolation: none; a plugin in a JVM of its own ends with that JVM.
                LOG.warnf("plugin '%s' ignored cancellation and is still running; later measurements in this run"
                        + " share the CPU with it", id);
                still = "; it ignored cancellation and kept running beside the plugins measured after it (run it"
                        + " with isolation: fork, the default, to have its JVM ended)";
            }
            return Execution.failed(RunStatus.TIMEOUT, "plugin '" + id + "' did not finish within its timeout of "
                    + human(timeout) + "; raise 'timeout' under icebench.plugins." + id + " or make it faster"
                    + still, null, since(start));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OutOfMemoryError) {
                return Execution.failed(RunStatus.OUT_OF_MEMORY, "plugin '" + id + "' ran out of memory ("
                        + cause.getMessage() + "); give the JVM more heap (JAVA_OPTS=-Xmx...) or lower its"
                        + " parameters", stackTrace(cause), since(start));
            }
            return Execution.failed(RunStatus.ERROR, "plugin '" + id + "' threw " + cause.getClass().getName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage().replaceAll("\\s*\\R\\s*", " ")),
                    stackTrace(cause), since(start));
        } catch (InterruptedException e) {
            context.cancel();
            thread.interrupt();
            Thread.currentThread().interrupt();
            return Execution.failed(RunStatus.ERROR, "run interrupted while plugin '" + id + "' was running", null,
                    since(start));
        }
    }

    private static void joinBriefly(Thread thread) {
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** {@code 90s}, {@code 2m}, {@code 1500ms}: how the configuration writes durations. */
    public static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis > 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis > 0 && millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
