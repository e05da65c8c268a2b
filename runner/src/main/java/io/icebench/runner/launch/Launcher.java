package io.icebench.runner.launch;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.IcebenchVersion;
import io.icebench.runner.NotComparableException;
import io.icebench.runner.UsageException;
import io.icebench.runner.baseline.Baselines;
import io.icebench.runner.baseline.FingerprintDifferences;
import io.icebench.runner.baseline.History;
import io.icebench.runner.baseline.RunSamples;
import io.icebench.runner.config.ConfigLoader;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.Discovered;
import io.icebench.runner.discovery.DiscoveredWriter;
import io.icebench.runner.discovery.DiscoveryProblem;
import io.icebench.runner.discovery.PluginDiscovery;
import io.icebench.runner.fingerprint.Fingerprint;
import io.icebench.runner.measure.PluginExecutor;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.report.ResultsFolder;
import io.icebench.spi.report.BaselineRef;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.PluginReport;
import io.icebench.spi.report.RunReport;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a {@link RunRequest} from configuration to published reports: the pipeline of ARCHITECTURE.md, in order.
 * Library code: it throws {@link UsageException} for the user's mistakes and returns results; only the command
 * line turns them into exit codes.
 */
public final class Launcher {

    private static final Logger LOG = Logger.getLogger(Launcher.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Launcher() {
    }

    /** Loads configuration and discovers plugins, then runs; for callers that have not done either. */
    public static RunResult run(RunRequest request) {
        RunConfig config = ConfigLoader.load(request.configFile(), request.base());
        if (request.resultsDir().isPresent()) {
            config = config.withResultsDir(request.base().resolve(request.resultsDir().get()));
        }
        if (request.dataset().isPresent()) {
            config = config.withDataset(request.base().resolve(request.dataset().get()));
        }
        config.dataset().filter(dir -> !java.nio.file.Files.isDirectory(dir)).ifPresent(dir -> {
            throw new UsageException("dataset folder '" + dir + "' does not exist; pass a folder in the Kaggle"
                    + " layout to --dataset (or icebench.dataset), or leave both out to use the embedded default");
        });
        Discovered discovered = PluginDiscovery.discover(request.pluginPath().map(request.base()::resolve));
        Plan plan = Planner.plan(request.mode(), request.pluginIds(), config, discovered);
        return execute(plan, request);
    }

    /** Runs an already built plan: for callers that plan themselves (imports, calibration). */
    public static RunResult execute(Plan plan, RunRequest request) {
        Instant started = Instant.now();
        String runId = RUN_ID.format(started) + "-" + plan.mode().label() + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        Map<String, String> fingerprint = Fingerprint.ofThisMachine();
        Optional<Baselines.Resolved> baseline = request.baseline()
                .map(spec -> Baselines.resolveBaseline(plan.config().resultsDir(), spec, request.base()));
        Optional<BaselineRef> baselineRef = baseline.map(found -> comparable(found, fingerprint, plan.config()));
        ResultsFolder folder;
        try {
            folder = ResultsFolder.create(plan.config().resultsDir(), runId);
        } catch (IOException e) {
            throw new UsageException("cannot write to results folder '" + plan.config().resultsDir() + "': " + e
                    + "; pass a writable folder with --results-dir");
        }
        for (DiscoveryProblem problem : plan.discovered().problems()) {
            LOG.warnf("not run, could not be loaded: %s", problem);
        }
        if (plan.runs().isEmpty()) {
            LOG.warn("no plugin selected: nothing to measure (is every regression gate disabled?)");
        }

        List<PluginReport> plugins = new ArrayList<>();
        boolean reportedInconclusive = false;
        for (PlannedRun run : plan.runs()) {
            PluginRun.Result result = runOne(run, plan, folder, baseline.map(Baselines.Resolved::samples));
            plugins.add(result.report());
            reportedInconclusive |= result.reportedInconclusive();
        }

        Instant finished = Instant.now();
        RunReport report = new RunReport(runId, plan.mode().label(), started, finished, IcebenchVersion.get(),
                fingerprint, configuration(plan, request), plugins,
                plan.discovered().problems().stream().map(DiscoveryProblem::toString).toList(),
                exitCode(plan.mode(), RunReport.outcomeOf(plugins), reportedInconclusive), baselineRef);

        List<String> writerFailures = new ArrayList<>();
        for (DiscoveredWriter writer : plan.writers()) {
            try {
                writer.writer().write(report, folder);
            } catch (Exception | LinkageError e) {
                String failure = "report writer '" + writer.id() + "' failed: " + e;
                LOG.error(failure);
                writerFailures.add(failure);
            }
        }
        Path published;
        try {
            published = folder.publish();
        } catch (IOException e) {
            throw new IllegalStateException("cannot publish results folder of run " + runId + ": " + e, e);
        }
        try {
            History.append(plan.config().resultsDir(), RunSamples.of(report));
        } catch (IOException e) {
            String failure = "could not append the run to " + History.file(plan.config().resultsDir()) + ": " + e;
            LOG.error(failure);
            writerFailures.add(failure);
        }
        return new RunResult(report, published, writerFailures);
    }

    /**
     * Checks that a baseline came from a comparable machine: hard fingerprint keys other than the git commit and
     * dirty flag must match, or the run is refused ({@code fingerprint-mismatch: refuse}, exit 5) or goes on with a
     * warning ({@code warn}).
     */
    static BaselineRef comparable(Baselines.Resolved baseline, Map<String, String> fingerprint, RunConfig config) {
        FingerprintDifferences differences = FingerprintDifferences.between(baseline.samples().environment(),
                fingerprint);
        String what = "baseline '" + baseline.name() + "' (run " + baseline.samples().runId() + ")";
        if (!differences.hard().isEmpty()) {
            String keys = String.join(", ", differences.hard());
            if (!config.fingerprintMismatchWarns()) {
                throw new NotComparableException(what + " not comparable: hard keys differ: " + keys
                        + "; compare against a baseline from this machine, or set"
                        + " 'icebench.fingerprint-mismatch: warn' to compare anyway");
            }
            LOG.warnf("%s: hard keys differ, compared anyway (fingerprint-mismatch: warn): %s", what, keys);
        }
        differences.soft().forEach(line -> LOG.infof("%s: soft key differs: %s", what, line));
        List<String> shown = new ArrayList<>(differences.hard());
        shown.addAll(differences.soft());
        return new BaselineRef(baseline.name(), baseline.samples().runId(), baseline.source(), shown);
    }

    private static PluginRun.Result runOne(PlannedRun run, Plan plan, ResultsFolder folder,
                                           Optional<RunSamples> baseline) {
        var plugin = run.plugin();
        LOG.infof("running %s '%s' (timeout %s)", plugin.kind().label(), plugin.id(),
                PluginExecutor.human(run.timeout()));
        PluginRun.Result result = PluginRun.execute(run, plan.mode(), plan.config(), folder.pluginFolder(plugin.id()),
                baseline, injectedSlowdown());
        PluginReport report = result.report();
        PluginReport listed = new PluginReport(report.id(), report.kind(), report.description(), report.source(),
                report.status(), report.failure(), report.duration(), report.parameters(), report.metrics(),
                report.tables(), report.series(), report.properties(), report.verdicts(), folder.filesOf(plugin.id()));
        return new PluginRun.Result(listed, result.firstVerdicts(), result.attempts(), result.reportedInconclusive());
    }

    /** Explore mode never fails on a threshold; a plugin that could not run wins over a failed threshold. */
    static int exitCode(Mode mode, Outcome outcome) {
        return exitCode(mode, outcome, false);
    }

    /**
     * As {@link #exitCode(Mode, Outcome)}, and a regression run that would pass but has a threshold with
     * {@code inconclusive: report} still INCONCLUSIVE after its re-runs exits 4.
     */
    static int exitCode(Mode mode, Outcome outcome, boolean reportedInconclusive) {
        if (outcome == Outcome.ERROR) {
            return ExitCodes.PLUGIN_FAILED;
        }
        if (outcome == Outcome.FAIL && mode == Mode.REGRESSION) {
            return ExitCodes.GATE_FAILED;
        }
        if (reportedInconclusive && mode == Mode.REGRESSION) {
            return ExitCodes.INCONCLUSIVE;
        }
        return ExitCodes.OK;
    }

    /**
     * The system property through which {@code runner calibrate --fork} slows the timed work of the runs it starts
     * (a fraction, such as {@code 0.1}). Outside the {@code icebench.} namespace on purpose: it is not
     * configuration, and every run it touches says so on the console and in its reports.
     */
    public static final String SLOWDOWN_PROPERTY = "icebench-calibration-slowdown";

    static Slowdown injectedSlowdown() {
        String value = System.getProperty(SLOWDOWN_PROPERTY);
        if (value == null || value.isBlank()) {
            return Slowdown.NONE;
        }
        try {
            return new Slowdown(Double.parseDouble(value.trim()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("-D" + SLOWDOWN_PROPERTY + "=" + value + " is not a fraction from 0 to 10;"
                    + " it is set by 'runner calibrate --fork', leave it out otherwise");
        }
    }

    private static Map<String, String> configuration(Plan plan, RunRequest request) {
        Map<String, String> config = new LinkedHashMap<>();
        Slowdown slowdown = injectedSlowdown();
        if (slowdown.fraction() > 0) {
            LOG.warnf("calibration: every unit of timed work is slowed by %s (-D%s)", slowdown, SLOWDOWN_PROPERTY);
            config.put("injected_slowdown", slowdown.toString());
        }
        config.put("config_file", plan.config().source().map(Path::toString).orElse("(built-in defaults)"));
        config.put("results_dir", plan.config().resultsDir().toString());
        config.put("dataset", plan.config().dataset().map(Path::toString).orElse("(embedded default)"));
        config.put("plugin_path", request.pluginPath().map(Path::toString).orElse("(none)"));
        config.put("selected", String.join(",", plan.runs().stream().map(r -> r.plugin().id()).toList()));
        config.put("reports", String.join(",", plan.writers().stream().map(DiscoveredWriter::id).toList()));
        return config;
    }
}
