package io.icebench.runner.launch;

import io.icebench.runner.config.Isolation;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.measure.Execution;
import io.icebench.runner.measure.PluginExecutor;
import io.icebench.runner.measure.RunContext;
import io.icebench.runner.measure.Slowdown;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Measuring a plugin once, without judging it: in the runner's own JVM, or in {@code forks} JVMs of its own whose
 * samples are pooled. {@link PluginRun} decides how often; this class only measures.
 */
public final class Measuring {

    private static final Logger LOG = Logger.getLogger(Measuring.class);

    /**
     * What every measurement of one plugin run shares.
     *
     * @param config       the run's configuration (dataset)
     * @param outputFolder the plugin's own output folder, for in-process runs
     * @param slowdown     calibration's slowdown; {@link Slowdown#NONE} otherwise
     * @param self         this application as a fork target; empty when this process is not the packaged runner,
     *                     so forks fall back to this JVM
     * @param watchMachine whether to watch the machine's load during the first attempt, so that a failure of
     *                     wall-clock thresholds alone on a busy machine gets no confirmation re-run; off for
     *                     calibration and tests, which count verdicts as the statistics make them
     */
    public record Setup(RunConfig config, Path outputFolder, Slowdown slowdown, Optional<Fork.Target> self,
                        boolean watchMachine) {

        /** A setup that watches the machine, as a regression run does. */
        public Setup(RunConfig config, Path outputFolder, Slowdown slowdown, Optional<Fork.Target> self) {
            this(config, outputFolder, slowdown, self, true);
        }
    }

    private Measuring() {
    }

    /**
     * One measurement: in a JVM of its own when the plugin is isolated ({@link #isolated}), pooled over
     * {@code run.forks()} fresh JVMs when forks are asked for, else in this JVM.
     */
    static Execution once(PlannedRun run, Setup setup) {
        if (run.forks() <= 1) {
            return isolated(run, setup) ? forked(run, setup, 1) : inProcess(run, setup);
        }
        if (setup.self().isPresent()) {
            return forked(run, setup, run.forks());
        }
        LOG.warnf("'%s': forks: %d needs the packaged runner (bin/runner); measuring %d times in this JVM instead",
                run.plugin().id(), run.forks(), run.forks());
        Execution pooled = inProcess(run, setup);
        for (int fork = 1; fork < run.forks() && pooled.status() == io.icebench.spi.report.RunStatus.COMPLETED;
             fork++) {
            Execution more = inProcess(run, setup);
            if (more.measurements().isEmpty()) {
                return more;
            }
            pooled = Execution.completed(pool(pooled.measurements().get(), more.measurements().get()),
                    pooled.duration().plus(more.duration()));
        }
        return pooled;
    }

    /** One measurement in a fresh JVM when this is the packaged runner, else here; for confirmation re-runs. */
    static Execution fresh(PlannedRun run, Setup setup) {
        if (setup.self().isEmpty() || run.forks() > 1 || isolated(run, setup)) {
            return once(run, setup);
        }
        return forked(run, setup, 1);
    }

    /**
     * Whether one run of the plugin gets a JVM of its own: {@code isolation: fork} (the default), a plugin that
     * measures on this machine (not an import), and the packaged runner to start (in tests, which run the
     * runner's classes in the test JVM, plugins stay on a thread).
     */
    static boolean isolated(PlannedRun run, Setup setup) {
        return setup.config().isolation() == Isolation.FORK && setup.self().isPresent()
                && run.plugin().measuresHere();
    }

    /** Whether a measurement runs in JVMs of its own: {@link #fresh} ({@code fresh}) or {@link #once}. */
    static boolean inForks(PlannedRun run, Setup setup, boolean fresh) {
        return setup.self().isPresent() && (fresh || run.forks() > 1 || isolated(run, setup));
    }

    /**
     * {@code forks} JVMs of its own, one after the other, their samples pooled metric by metric: what varies from
     * one JVM to the next (JIT outcome, memory layout, libtorch's kernels) then averages out of the median instead
     * of deciding it.
     */
    private static Execution forked(PlannedRun run, Setup setup, int forks) {
        Measurements pooled = null;
        Duration duration = Duration.ZERO;
        for (int fork = 1; fork <= forks; fork++) {
            // Each fork shows its progress; the last writes the plugin's files, as the tables are the last's.
            Execution one = Fork.measure(setup.self().orElseThrow(), run, setup.config().datasetArgument(),
                    setup.slowdown(), new Fork.Output(fork == forks ? Optional.of(setup.outputFolder())
                            : Optional.empty(), true, setup.config().remote().jvmOptions()));
            duration = duration.plus(one.duration());
            if (one.measurements().isEmpty()) {
                return one;
            }
            pooled = pooled == null ? one.measurements().get() : pool(pooled, one.measurements().get());
        }
        LOG.debugf("'%s': measured in %d JVM(s), samples pooled", run.plugin().id(), forks);
        return Execution.completed(pooled, duration);
    }

    private static Execution inProcess(PlannedRun run, Setup setup) {
        var plugin = run.plugin();
        setup.config().remote().hadoop().forEach((key, value) -> System.setProperty(
                io.icebench.runner.config.RemoteData.PROPERTY_PREFIX + key, value));
        RunContext context = new RunContext(plugin.id(), run.parameters(), setup.config().dataset(),
                setup.config().remote().location(),
                setup.outputFolder(), setup.slowdown());
        // In a fork's child this is the plugin JVM's first word on the plugin: relayed at -v (ForkLog).
        LOG.debugf("'%s': runs in JVM %d with parameters %s, timeout %s", plugin.id(), ProcessHandle.current().pid(),
                run.parameters().asText(), PluginExecutor.human(run.timeout()));
        return PluginExecutor.execute(plugin.plugin(), plugin.id(), context, run.timeout());
    }

    /** {@code earlier}'s samples followed by {@code later}'s, metric by metric; tables and properties of the later. */
    static Measurements pool(Measurements earlier, Measurements later) {
        Measurements.Builder pooled = Measurements.builder();
        for (Measurement measurement : earlier.measurements()) {
            Optional<Measurement> added = later.measurements().stream()
                    .filter(m -> m.metric().name().equals(measurement.metric().name()))
                    .findFirst();
            double[] a = measurement.samples();
            double[] b = added.map(Measurement::samples).orElse(new double[0]);
            double[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            pooled.add(measurement.metric(), both);
        }
        later.tables().forEach(pooled::table);
        later.series().forEach(pooled::series);
        later.properties().forEach(pooled::property);
        return pooled.build();
    }
}
