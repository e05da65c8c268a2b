package io.icebench.runner.launch;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.IcebenchVersion;
import io.icebench.runner.NotComparableException;
import io.icebench.runner.UsageException;
import io.icebench.runner.baseline.Baselines;
import io.icebench.runner.baseline.FingerprintDifferences;
import io.icebench.runner.config.ConfigLoader;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.Discovered;
import io.icebench.runner.discovery.DiscoveredWriter;
import io.icebench.runner.discovery.DiscoveryProblem;
import io.icebench.runner.discovery.PluginDiscovery;
import io.icebench.runner.fingerprint.Fingerprint;
import io.icebench.runner.verdict.Gate;
import io.icebench.runner.measure.Interference;
import io.icebench.spi.Yardstick;
import io.icebench.runner.measure.PluginExecutor;
import io.icebench.runner.measure.Slowdown;
import io.icebench.runner.report.ResultsFolder;
import io.icebench.spi.report.BaselineRef;
import io.icebench.spi.report.Comparison;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.ThresholdVerdict;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
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
            String text = request.dataset().get();
            config = io.icebench.runner.config.RemoteData.isRemote(text)
                    ? config.withRemoteDataset(io.icebench.runner.config.RemoteData.parse(text, "--dataset"))
                    : config.withDataset(io.icebench.runner.config.RemoteData.localFolder(text, request.base()));
        }
        config.dataset().filter(dir -> !java.nio.file.Files.isDirectory(dir)).ifPresent(dir -> {
            throw new UsageException("dataset folder '" + dir + "' does not exist; pass a folder in the Kaggle"
                    + " layout to --dataset (or icebench.dataset), or leave both out to use the embedded default");
        });
        Discovered discovered = PluginDiscovery.discover(request.pluginPath().map(request.base()::resolve),
                config.pluginAllowlist());
        Plan plan = Planner.plan(request.mode(), request.pluginIds(), config, discovered);
        if (request.against().isPresent() && request.mode() != Mode.REGRESSION) {
            throw new UsageException(request.against().get().option() + " needs --mode=regression: it measures the"
                    + " gates against that base; drop it for --mode=explore");
        }
        return execute(plan, request);
    }

    /**
     * The two sides of paired runs for {@code request.against()}: the base built (once, cached) or found, and this
     * application, both started the way this JVM was.
     */
    public static PairedRun.Sides sides(RunRequest request, Against against, Optional<Path> dataset) {
        return sides(request, against, dataset, io.icebench.runner.discovery.PluginAllowlist.NONE);
    }

    /** As above, both sides loading only the drop-in jars {@code allowlist} allows. */
    public static PairedRun.Sides sides(RunRequest request, Against against, Optional<Path> dataset,
                                        io.icebench.runner.discovery.PluginAllowlist allowlist) {
        List<String> self = SelfLaunch.thisApplication().orElseThrow(() -> new UsageException(against.option()
                + " starts fresh JVMs of this build and of the base, and this process is not the packaged runner;"
                + " run it through bin/runner"));
        AgainstBuild.App app = against.revision().isPresent()
                ? AgainstBuild.ofRevision(request.base(), against.revision().get(),
                        request.base().resolve("target/icebench-against"))
                : AgainstBuild.ofApp(request.base().resolve(against.app().orElseThrow()));
        List<String> baseCommand = SelfLaunch.withJar(self, app.quarkusRunJar());
        Optional<Path> pluginPath = request.pluginPath().map(request.base()::resolve);
        Optional<Path> basePlugins = against.pluginPath().map(request.base()::resolve).or(() -> pluginPath);
        // A base with plugins of its own says so: against the same app, the plugin folder is all that differs.
        String label = app.label() + against.pluginPath().map(dir -> " with plugins from "
                + basePlugins.orElseThrow().normalize()).orElse("");
        List<Acceptances.Acceptance> accepted = app.commit()
                .map(commit -> Acceptances.between(request.base(), commit)).orElse(List.of());
        // Both sides read the same files: the embedded default as this build generates it.
        Optional<Path> shared = dataset.or(() -> Optional.of(io.icebench.icecube.DefaultDataset.resolve(
                Optional.empty())));
        return new PairedRun.Sides(new Fork.Target(baseCommand, basePlugins, label, allowlist),
                new Fork.Target(self, pluginPath, Fork.Target.THIS_BUILD, allowlist), shared, accepted);
    }

    /** Runs an already built plan: for callers that plan themselves (imports, calibration). */
    public static RunResult execute(Plan plan, RunRequest request) {
        Instant started = Instant.now();
        String runId = RUN_ID.format(started) + "-" + plan.mode().label() + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        Optional<String> forkOutput = Optional.ofNullable(System.getProperty(Fork.OUTPUT_PROPERTY))
                .filter(value -> !value.isBlank());
        // A fork's child reports samples only: the parent fingerprints the machine (git included) once per run.
        Map<String, String> measuredFingerprint = forkOutput.isPresent() ? Map.of() : Fingerprint.ofThisMachine();
        Map<String, String> fingerprint = measuredFingerprint;
        Optional<Baselines.Resolved> baseline = request.baseline()
                .map(spec -> Baselines.resolveBaseline(plan.config().resultsDir(), spec, request.base()));
        Optional<BaselineRef> baselineRef = baseline.map(found -> comparable(found, measuredFingerprint,
                plan.config()));
        // Before the results folder: a base that cannot be built or found leaves nothing behind.
        // A plugin JVM of a runner ends itself should that runner die; it removes the fork's scratch folder then.
        SelfLaunch.watchParentIfAsked(forkOutput.map(file -> Path.of(file).toAbsolutePath().getParent()));
        Paired paired = forkOutput.isPresent() ? Paired.NONE : paired(plan, request);
        if (baselineRef.isEmpty() && paired.sides().isPresent()) {
            // The reports' comparison section then lists the paired verdicts, named after the base.
            baselineRef = Optional.of(new BaselineRef(Comparison.Method.PAIRED,
                    request.against().orElseThrow().option(), paired.sides().get().base().label(),
                    "measured in this job, fork against fork", List.of()));
        }
        ResultsFolder folder = openFolder(plan, runId);

        Optional<Fork.Target> self = forkOutput.isPresent() ? Optional.empty()
                : SelfLaunch.self(request.pluginPath().map(request.base()::resolve), plan.config().pluginAllowlist());
        Gate.Evidence evidence = Gate.Evidence.of(baseline.map(Baselines.Resolved::samples));
        // Whether the machine was busy: watched around each plugin, and the yardstick timed before and after the
        // gates; a fork's child leaves it to its parent.
        // Imported results were measured elsewhere: this machine's load says nothing about them.
        boolean watch = plan.mode() == Mode.REGRESSION && forkOutput.isEmpty()
                && plan.runs().stream().anyMatch(run -> run.plugin().measuresHere());
        Optional<Yardstick.Reading> yardstickBefore = watch ? Optional.of(Yardstick.sort()) : Optional.empty();
        List<PluginReport> plugins = new ArrayList<>();
        List<Optional<Interference.Figures>> windows = new ArrayList<>();
        for (PlannedRun run : plan.runs()) {
            // No sampling thread beside the measured work unless its figures will be used.
            Optional<Interference.Probe> probe = watch ? Optional.of(Interference.start()) : Optional.empty();
            plugins.add(runOne(run, plan, folder, evidence, self, paired, watch, forkFiles()));
            windows.add(probe.flatMap(Interference.Probe::stop));
        }
        if (watch) {
            BusyMachine.Judged judged = BusyMachine.judge(plan, plugins, windows, fingerprint, yardstickBefore.get());
            plugins = judged.plugins();
            fingerprint = judged.fingerprint();
        }

        Instant finished = Instant.now();
        RunReport report = new RunReport(runId, plan.mode().label(), started, finished, IcebenchVersion.get(),
                fingerprint, configuration(plan, request, paired), plugins,
                plan.discovered().problems().stream().map(DiscoveryProblem::toString).toList(),
                exitCode(plan.mode(), plugins), baselineRef);
        if (forkOutput.isPresent()) {
            return forkResult(report, folder, Path.of(forkOutput.get()));
        }

        // The writers, the history, and the exit code they settle, then the folder published: Publishing.
        return Publishing.finish(report, folder, plan.writers(), plan.config().resultsDir());
    }

    /** The run's results folder, once the console has said what could not load and whether anything runs. */
    private static ResultsFolder openFolder(Plan plan, String runId) {
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
        return folder;
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
        return new BaselineRef(Comparison.Method.STORED_BASELINE, baseline.name(), baseline.samples().runId(),
                baseline.source(), shown);
    }

    /** The base of paired runs, resolved once per run, and the seed of the blocks' order. */
    record Paired(Optional<PairedRun.Sides> sides, long seed) {
        static final Paired NONE = new Paired(Optional.empty(), 0);
    }

    private static Paired paired(Plan plan, RunRequest request) {
        if (request.against().isEmpty()) {
            return Paired.NONE;
        }
        if (plan.runs().stream().noneMatch(PlannedRun::hasPairedThresholds)) {
            LOG.warnf("%s: no selected gate has a paired_max_regression threshold, so nothing is measured against"
                    + " the base; add one (docs/CONFIG.md)", request.against().get().option());
            return Paired.NONE;
        }
        plan.config().remote().location().ifPresent(uri -> {
            throw new UsageException(request.against().get().option() + " with a dataset on a Hadoop file system ("
                    + io.icebench.runner.config.RemoteData.shown(uri.toString()) + ") is not supported yet: the"
                    + " paired gates measure both builds on one local dataset; drop --dataset, or judge this"
                    + " dataset with absolute thresholds only");
        });
        PairedRun.Sides sides = sides(request, request.against().get(), plan.config().dataset(),
                plan.config().pluginAllowlist());
        return new Paired(Optional.of(sides), ThreadLocalRandom.current().nextLong());
    }

    /** In a fork's child: the folder of the parent's run that the plugin writes its files to ({@link Fork}). */
    private static Optional<Path> forkFiles() {
        return Optional.ofNullable(System.getProperty(Fork.FILES_PROPERTY)).filter(value -> !value.isBlank())
                .map(Path::of);
    }

    private static PluginReport runOne(PlannedRun planned, Plan plan, ResultsFolder folder, Gate.Evidence evidence,
                                       Optional<Fork.Target> self, Paired paired, boolean watch,
                                       Optional<Path> forkFiles) {
        var plugin = planned.plugin();
        LOG.infof("running %s '%s' (timeout %s)", plugin.kind().label(), plugin.id(),
                PluginExecutor.human(planned.timeout()));
        PluginRun.Result result;
        if (paired.sides().isPresent() && planned.hasPairedThresholds()) {
            result = PairedRun.execute(planned, plan.config(), paired.sides().get(), Slowdown.injected(),
                    new java.util.Random(paired.seed() ^ plugin.id().hashCode()), evidence);
        } else {
            result = PluginRun.execute(planned, plan.mode(), new Measuring.Setup(plan.config(),
                    forkFiles.orElse(folder.pluginFolder(plugin.id())), Slowdown.injected(), self, watch), evidence);
        }
        PluginReport report = result.report();
        return new PluginReport(report.id(), report.kind(), report.description(), report.source(),
                report.status(), report.failure(), report.duration(), report.parameters(), report.metrics(),
                report.tables(), report.series(), report.properties(), report.verdicts(), folder.filesOf(plugin.id()));
    }

    /**
     * A child's end ({@link Fork}): its one plugin's samples to the fork file, no report writers, no history; the
     * scratch results folder is still published so that nothing half-written is left.
     */
    private static RunResult forkResult(RunReport report, ResultsFolder folder, Path output) {
        try {
            if (report.plugins().size() != 1) {
                throw new UsageException("-D" + Fork.OUTPUT_PROPERTY + " is for one plugin; " + report.plugins().size()
                        + " were selected");
            }
            ForkFile.write(output, report.plugins().get(0));
            return new RunResult(report, folder.publish(), List.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the fork's samples to " + output + ": " + e, e);
        }
    }

    /**
     * The run's exit code, from its plugins' verdicts: the one place where outcomes are aggregated. A plugin that
     * could not run (or a threshold that could not be judged) wins over a failed threshold (3 over 1); explore mode
     * never fails on a threshold; a regression run that would pass but has a threshold with
     * {@code inconclusive: report} still INCONCLUSIVE exits 4.
     */
    public static int exitCode(Mode mode, List<PluginReport> plugins) {
        Outcome outcome = RunReport.outcomeOf(plugins);
        if (outcome == Outcome.ERROR) {
            return ExitCodes.PLUGIN_FAILED;
        }
        if (mode != Mode.REGRESSION) {
            return ExitCodes.OK;
        }
        if (outcome == Outcome.FAIL) {
            return ExitCodes.GATE_FAILED;
        }
        if (outcome == Outcome.UNRELIABLE) {
            return ExitCodes.UNRELIABLE;
        }
        boolean reported = plugins.stream().flatMap(p -> p.verdicts().stream())
                .anyMatch(ThresholdVerdict::reportedInconclusive);
        return reported ? ExitCodes.INCONCLUSIVE : ExitCodes.OK;
    }

    private static Map<String, String> configuration(Plan plan, RunRequest request, Paired paired) {
        Map<String, String> config = new LinkedHashMap<>();
        Slowdown slowdown = Slowdown.injected();
        if (slowdown.fraction() > 0) {
            LOG.warnf("calibration: every unit of timed work is slowed by %s (-D%s)", slowdown, Slowdown.PROPERTY);
            config.put("injected_slowdown", slowdown.toString());
        }
        config.put("config_file", plan.config().source().map(Path::toString).orElse("(built-in defaults)"));
        config.put("results_dir", plan.config().resultsDir().toString());
        config.put("dataset", plan.config().remote().location()
                .map(uri -> io.icebench.runner.config.RemoteData.shown(uri.toString()))
                .or(() -> plan.config().dataset().map(Path::toString)).orElse("(embedded default)"));
        config.put("plugin_path", request.pluginPath().map(Path::toString).orElse("(none)"));
        config.put("selected", String.join(",", plan.runs().stream().map(r -> r.plugin().id()).toList()));
        config.put("reports", String.join(",", plan.writers().stream().map(DiscoveredWriter::id).toList()));
        paired.sides().ifPresent(sides -> {
            config.put("against", sides.base().label());
            config.put("paired_seed", Long.toString(paired.seed()));
            sides.accepted().forEach(a -> config.put("accepted." + a.plugin() + "." + a.metric(),
                    Numbers.format(a.percent()) + "% by " + a.commit() + ": " + a.reason()));
        });
        return config;
    }
}
