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
import io.icebench.runner.measure.Execution;
import io.icebench.runner.measure.PluginExecutor;
import io.icebench.runner.measure.RunContext;
import io.icebench.runner.report.ResultsFolder;
import io.icebench.runner.statistics.Summaries;
import io.icebench.runner.verdict.Gate;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.report.BaselineRef;
import io.icebench.spi.report.MetricReport;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.report.PluginReport;
import io.icebench.spi.report.RunReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.ThresholdVerdict;
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
        for (PlannedRun run : plan.runs()) {
            plugins.add(runOne(run, plan, folder, baseline.map(Baselines.Resolved::samples)));
        }

        Instant finished = Instant.now();
        RunReport report = new RunReport(runId, plan.mode().label(), started, finished, IcebenchVersion.get(),
                fingerprint, configuration(plan, request), plugins,
                plan.discovered().problems().stream().map(DiscoveryProblem::toString).toList(),
                exitCode(plan.mode(), RunReport.outcomeOf(plugins)), baselineRef);

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

    private static PluginReport runOne(PlannedRun run, Plan plan, ResultsFolder folder,
                                       Optional<RunSamples> baseline) {
        var plugin = run.plugin();
        LOG.infof("running %s '%s' (timeout %s)", plugin.kind().label(), plugin.id(),
                PluginExecutor.human(run.timeout()));
        RunContext context = new RunContext(plugin.id(), run.parameters(), plan.config().dataset(),
                folder.pluginFolder(plugin.id()));
        Execution execution = PluginExecutor.execute(plugin.plugin(), plugin.id(), context, run.timeout());

        RunStatus status = execution.status();
        Optional<String> failure = execution.failure();
        List<MetricReport> metrics = new ArrayList<>();
        Measurements measurements = execution.measurements().orElse(null);
        if (measurements != null) {
            for (Measurement measurement : measurements.measurements()) {
                if (measurement.sampleCount() == 0) {
                    status = RunStatus.ERROR;
                    failure = Optional.of("plugin '" + plugin.id() + "' reported metric '"
                            + measurement.metric().name() + "' without samples");
                    continue;
                }
                metrics.add(new MetricReport(measurement.metric(), measurement.samples(),
                        Summaries.of(measurement.samples(), plan.config().confidenceLevel())));
            }
        }
        List<ThresholdVerdict> verdicts = Gate.judge(run.thresholds(),
                Optional.ofNullable(measurements).map(Measurements::measurements), failure.orElse(""),
                plan.config().confidenceLevel(), plugin.id(), baseline, plan.config().alpha());
        failure.ifPresent(reason -> LOG.errorf("%s", reason));
        LOG.debugf("plugin '%s' finished in %d ms with %d metrics", plugin.id(), execution.duration().toMillis(),
                metrics.size());
        return new PluginReport(plugin.id(), plugin.kind(), plugin.description(), plugin.source(), status, failure,
                execution.duration(), run.parameters().asText(), metrics,
                measurements == null ? List.of() : measurements.tables(),
                measurements == null ? List.of() : measurements.series(),
                measurements == null ? Map.of() : measurements.properties(), verdicts,
                folder.filesOf(plugin.id()));
    }

    /** Explore mode never fails on a threshold; a plugin that could not run wins over a failed threshold. */
    static int exitCode(Mode mode, Outcome outcome) {
        if (outcome == Outcome.ERROR) {
            return ExitCodes.PLUGIN_FAILED;
        }
        if (outcome == Outcome.FAIL && mode == Mode.REGRESSION) {
            return ExitCodes.GATE_FAILED;
        }
        return ExitCodes.OK;
    }

    private static Map<String, String> configuration(Plan plan, RunRequest request) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("config_file", plan.config().source().map(Path::toString).orElse("(built-in defaults)"));
        config.put("results_dir", plan.config().resultsDir().toString());
        config.put("dataset", plan.config().dataset().map(Path::toString).orElse("(embedded default)"));
        config.put("plugin_path", request.pluginPath().map(Path::toString).orElse("(none)"));
        config.put("selected", String.join(",", plan.runs().stream().map(r -> r.plugin().id()).toList()));
        config.put("reports", String.join(",", plan.writers().stream().map(DiscoveredWriter::id).toList()));
        return config;
    }
}
