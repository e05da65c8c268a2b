package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.UsageException;
import io.icebench.runner.calibrate.Calibration;
import io.icebench.runner.calibrate.CalibrationException;
import io.icebench.runner.calibrate.CalibrationReport;
import io.icebench.runner.calibrate.ForkedCalibration;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.Discovered;
import io.icebench.runner.discovery.PluginDiscovery;
import io.icebench.runner.launch.Against;
import io.icebench.runner.launch.Launcher;
import io.icebench.runner.launch.Mode;
import io.icebench.runner.launch.PairedRun;
import io.icebench.runner.launch.RunRequest;
import io.icebench.runner.launch.Plan;
import io.icebench.runner.launch.PlannedRun;
import io.icebench.runner.launch.SelfLaunch;
import io.icebench.runner.launch.Planner;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.progress.Progresses;
import io.icebench.spi.Progress;
import io.icebench.spi.report.Numbers;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code runner calibrate --plugin ID --runs N [--inject-slowdown 10%]}: measures how often a gate raises a false
 * alarm on unchanged code, and how often it catches a real slowdown; see {@link Calibration}.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measures how often a gate raises a false alarm on unchanged code, and how often it catches a"
                + " real slowdown.",
            "The false-alarm rate comes from N runs of unchanged code against a baseline run (A/A); with"
                + " --inject-slowdown, the detection rate from N runs whose timed work the runner really slows down."
                + " Every trial is judged with the gate's configured thresholds and re-runs, as a regression run would"
                + " be.",
            "With --against REF (or --against-app DIR) every trial is instead a whole paired run against that base,"
                + " judging the gate's paired_max_regression thresholds.",
            "Writes calibration.md and calibration.json to <results>/calibrations/<time>-<plugin>/."})
public class CalibrateCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(CalibrateCommand.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--plugin", paramLabel = "ID", required = true, description = "The gate to calibrate.")
    String plugin;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "20",
            description = "Trials of each kind (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--fork",
            description = "Run the baseline and every trial as a JVM of its own, as CI runs a gate (needs bin/runner's"
                    + " packaged application). Default: all runs in this JVM, after --warmup-runs.")
    boolean fork;

    @Option(names = "--warmup-runs", paramLabel = "K", defaultValue = "1",
            description = "Unjudged runs before the baseline, so that it is not the JVM's first (default: ${DEFAULT-VALUE}).")
    int warmupRuns;

    @Option(names = "--inject-slowdown", paramLabel = "PERCENT",
            description = "Also run N trials with this much added to every timed unit of work, such as 10%%.")
    String slowdown;

    @Mixin
    AgainstOptions againstOptions;

    @Mixin
    ResultsOptions results;

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "Dataset folder in the Kaggle layout (default: the embedded default dataset).")
    Path dataset;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        checkCounts();
        Slowdown injected = slowdown == null ? Slowdown.NONE : CalibrationReport.parseSlowdown(slowdown);
        Path base = Path.of("").toAbsolutePath();
        RunConfig loaded = config(base);
        String where = loaded.source().map(Path::toString).orElse("the built-in defaults");
        PlannedRun run = plannedRun(loaded, base, where);
        Optional<Against> pairedBase = againstOptions.against(spec);
        if (pairedBase.isPresent()) {
            return paired(run, loaded, pairedBase.get(), base, where, injected);
        }
        return unpaired(run, loaded, base, where, injected);
    }

    private void checkCounts() {
        if (warmupRuns < 0 || warmupRuns > 100) {
            throw new UsageException("--warmup-runs " + warmupRuns + " is not a count from 0 to 100; 1 is the usual");
        }
        if (runs < 1 || runs > 1000) {
            throw new UsageException("--runs " + runs + " is not a count from 1 to 1000; 20 is the usual");
        }
    }

    /** The configuration with the results folder and the dataset of the options; the dataset must exist. */
    private RunConfig config(Path base) {
        RunConfig loaded = results.load(base);
        loaded = loaded.withResultsDir(results.resultsFolder(base, loaded));
        if (dataset != null) {
            loaded = loaded.withDataset(base.resolve(dataset));
        }
        loaded.dataset().filter(dir -> !Files.isDirectory(dir)).ifPresent(dir -> {
            throw new UsageException("dataset folder '" + dir + "' does not exist; pass a folder in the Kaggle"
                    + " layout to --dataset, or leave it out to use the embedded default");
        });
        return loaded;
    }

    /** The gate's regression run as planned, which must have thresholds to count verdicts of. */
    private PlannedRun plannedRun(RunConfig loaded, Path base, String where) {
        Discovered discovered = PluginDiscovery.discover(common.pluginPath().map(base::resolve),
                loaded.pluginAllowlist());
        Plan plan = Planner.plan(Mode.REGRESSION, List.of(plugin), loaded, discovered);
        PlannedRun run = plan.runs().get(0);
        if (run.thresholds().isEmpty()) {
            throw new UsageException("plugin '" + plugin + "' has no thresholds in " + where + ": a calibration"
                    + " counts a gate's verdicts; add thresholds under icebench.plugins." + plugin
                    + ".thresholds (docs/CONFIG.md) or pass --config with a file that has them");
        }
        return run;
    }

    /** Without {@code --against}: a baseline run, then trials judged against it, in this JVM or each forked. */
    private int unpaired(PlannedRun run, RunConfig loaded, Path base, String where, Slowdown injected)
            throws IOException {
        if (injected.fraction() > 0
                && run.thresholds().stream().noneMatch(t -> !(t instanceof io.icebench.runner.verdict.Threshold.Absolute))) {
            LOG.warnf("'%s' has no max_regression threshold in %s: only its absolute thresholds can notice the"
                    + " injected slowdown", plugin, where);
        }

        PrintWriter out = spec.commandLine().getOut();
        out.println("calibrate " + plugin + ": " + (fork ? "every run a JVM of its own: " : warmupRuns
                + " warm-up run(s), ") + "1 baseline run, then " + runs + " A/A trial(s)"
                + (injected.fraction() > 0 ? " interleaved with " + runs + " trial(s) slowed by " + injected : "")
                + " (config: " + where + ")");
        out.flush();
        Path scratch = Files.createTempDirectory("icebench-calibrate-");
        Calibration.Result result;
        int total = runs * (injected.fraction() > 0 ? 2 : 1);
        try (Progress progress = Progresses.start("calibrate " + plugin + ": trials", total)) {
            Consumer<Calibration.Trial> onTrial = trialLog(progress, total);
            if (fork) {
                List<String> application = SelfLaunch.thisApplication().orElseThrow(() -> new UsageException(
                        "--fork starts the packaged runner again and this process is not it; run it through"
                                + " bin/runner, or leave --fork out"));
                result = ForkedCalibration.run(application, plugin, runArguments(loaded, base), Calibration
                        .thresholds(run), runs, injected, scratch, onTrial);
            } else {
                result = Calibration.run(run, loaded, warmupRuns, runs, injected, scratch, onTrial);
            }
        } catch (CalibrationException e) {
            spec.commandLine().getErr().println("icebench: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.PLUGIN_FAILED;
        } finally {
            SelfLaunch.delete(scratch);
        }
        return report(out, result, loaded, "");
    }

    /** Steps {@code progress} and logs each trial of {@code total} as it ends. */
    private Consumer<Calibration.Trial> trialLog(Progress progress, int total) {
        int[] done = {0};
        return trial -> {
            progress.step();
            done[0]++;
            LOG.infof("calibrate %s: trial %d/%d (%s %d): %s in %s, %d attempt(s)%s", plugin, done[0], total,
                    trial.slowed() ? "slowed" : "A/A", trial.index(),
                    trial.error() ? "ERROR" : trial.alarm() ? "ALARM" : "pass",
                    Numbers.format(trial.wall().toMillis() / 1000.0) + " s", trial.attempts(),
                    trial.verdicts().isEmpty() ? "" : ": " + CalibrationReport.verdicts(trial.verdicts()));
        };
    }

    /**
     * Writes the calibration into {@code <results>/calibrations/<time>-<plugin><suffix>/}, prints it, and returns
     * the exit code: OK unless a trial could not be judged.
     */
    private int report(PrintWriter out, Calibration.Result result, RunConfig loaded, String suffix)
            throws IOException {
        Path folder = CalibrationReport.write(result, loaded.resultsDir(),
                STAMP.format(Instant.now()) + "-" + plugin + suffix);
        out.println(CalibrationReport.markdown(result));
        out.println("calibration: " + folder);
        out.flush();
        return result.errors().isEmpty() ? ExitCodes.OK : ExitCodes.PLUGIN_FAILED;
    }

    /** {@code --against}: every trial one whole paired run of the gate. */
    private int paired(PlannedRun run, RunConfig loaded, Against against, Path base, String where,
                       Slowdown injected) throws IOException {
        if (!run.hasPairedThresholds()) {
            throw new UsageException("plugin '" + plugin + "' has no paired_max_regression threshold in " + where
                    + ": calibrating " + against.option() + " counts paired verdicts; add one (docs/CONFIG.md)");
        }
        RunRequest request = new RunRequest(Mode.REGRESSION, List.of(plugin), loaded.source(), common.pluginPath(),
                Optional.empty(), loaded.datasetArgument(), base, Optional.empty(), Optional.of(against));
        // A calibration measures the gate as configured: no commit trailer may raise its threshold.
        PairedRun.Sides found = Launcher.sides(request, against, loaded.dataset(), loaded.pluginAllowlist());
        PairedRun.Sides sides = new PairedRun.Sides(found.base(), found.candidate(), found.dataset(), List.of());
        PrintWriter out = spec.commandLine().getOut();
        out.println("calibrate " + plugin + " against " + sides.base().label() + ": " + runs + " A/A trial(s)"
                + (injected.fraction() > 0 ? " interleaved with " + runs + " trial(s) whose forks of this build are"
                        + " slowed by " + injected : "") + ", each a whole paired run (config: " + where + ")");
        out.flush();
        int total = runs * (injected.fraction() > 0 ? 2 : 1);
        Calibration.Result result;
        try (Progress progress = Progresses.start("calibrate " + plugin + ": paired trials", total)) {
            int[] done = {0};
            result = Calibration.paired(run, loaded, sides, runs, injected, System.nanoTime(), trial -> {
                progress.step();
                done[0]++;
                LOG.infof("calibrate %s: trial %d/%d (%s %d): %s in %s: %s", plugin, done[0], total,
                        trial.slowed() ? "slowed" : "A/A", trial.index(),
                        trial.error() ? "ERROR" : trial.alarm() ? "ALARM" : "pass",
                        Numbers.format(trial.wall().toMillis() / 1000.0) + " s",
                        CalibrationReport.verdicts(trial.verdicts()));
            });
        }
        return report(out, result, loaded, "-paired");
    }

    /** What every forked run gets besides mode, plugin, results folder and baseline: this run's own inputs. */
    private List<String> runArguments(RunConfig loaded, Path base) {
        List<String> arguments = new ArrayList<>();
        loaded.source().ifPresent(file -> arguments.add("--config=" + file.toAbsolutePath()));
        loaded.dataset().ifPresent(dir -> arguments.add("--dataset=" + dir.toAbsolutePath()));
        common.pluginPath().ifPresent(dir -> arguments.add("--plugin-path=" + base.resolve(dir)));
        return arguments;
    }
}
