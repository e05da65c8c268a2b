package io.icebench.plugins.io;

import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Measurements;
import io.icebench.spi.PluginContext;
import io.icebench.spi.Progress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One run of the I/O study: the {@link Experiment}s in order, each skipped once the runner cancels, then their
 * plots and {@code io-report.md}.
 *
 * <p>Order matters for the memory figures: DuckDB runs last, so its native allocations do not inflate the peak
 * RSS of sequential loading, and the warm reads come before the cold ones, so every timed read runs JIT-compiled.
 */
final class IoStudy {

    static final String REPORT_FILE = "io-report.md";

    private final StudyRun run;
    private final MetadataExperiment metadata = new MetadataExperiment();
    private final ReadsExperiment reads = new ReadsExperiment();
    private final ProjectionExperiment projection = new ProjectionExperiment();
    private final ThreadsExperiment threads = new ThreadsExperiment();
    private final SequentialExperiment sequential = new SequentialExperiment();
    private final DuckDbExperiment duckdb = new DuckDbExperiment();
    /** The order they run in. */
    private final List<Experiment> experiments = List.of(metadata, reads, projection, threads, sequential, duckdb);
    /** The order the report tells them in: the reads (with DuckDB beside them) first, the data last. */
    private final List<Experiment> reportOrder = List.of(reads, duckdb, projection, threads, sequential, metadata);
    private final List<String> stepsDone = new ArrayList<>();

    IoStudy(PluginContext context, Evictor evictor) throws IOException {
        this.run = new StudyRun(context, evictor);
    }

    Measurements run() throws Exception {
        describeRun();
        try (Progress progress = run.context.progress("timed reads", plannedTimedReads())) {
            run.timer.reportTo(progress);
            for (Experiment experiment : experiments) {
                String off = experiment.disabledBecause(run);
                if (off.isEmpty()) {
                    step(experiment);
                } else {
                    run.property(experiment.name(), off);
                }
            }
        } finally {
            run.timer.reportTo(Progress.NONE);
        }
        experiments.forEach(e -> e.finish(run));
        run.property("steps_done", stepsDone);
        run.property("cancelled", run.cancelled());
        run.property("checksum", Long.toHexString(run.timer.sink()));
        experiments.forEach(e -> e.plot(run));
        run.property("plots", run.plots);
        if (!run.plotProblems.isEmpty()) {
            run.property("plot_problems", run.plotProblems);
        }
        report();
        return run.build();
    }

    private void describeRun() {
        run.property("dataset", run.folder.toAbsolutePath());
        run.property("dataset_files", run.dataset.batchIds().size());
        run.property("files_measured", run.files.size());
        run.property("measured_batches", run.files.stream().map(f -> String.valueOf(f.batchId())).toList());
        run.property("measured_bytes", run.files.stream().mapToLong(BatchFile::bytes).sum());
        run.property("available_processors", run.cores);
        run.property("repetitions", run.timer.count());
        run.property("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        run.property("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /**
     * The study's progress unit: one timed read (a repetition of one figure: a file read warm, raw or cold, a
     * projection or thread-count pass over the measured files, a sequential pass, a DuckDB scan). Warm-ups are not
     * counted; they take about one more unit per figure.
     */
    long plannedTimedReads() {
        long units = 0;
        for (Experiment experiment : experiments) {
            if (experiment.disabledBecause(run).isEmpty()) {
                units += experiment.timedReadsPerRepetition(run);
            }
        }
        return units * run.timer.count();
    }

    private void step(Experiment experiment) throws Exception {
        if (run.cancelledNow()) {
            return;
        }
        String name = experiment.name();
        run.log.log(System.Logger.Level.INFO, "io: " + name);
        long start = System.nanoTime();
        experiment.run(run);
        run.property("step_seconds." + name, String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
        if (!run.cancelled()) {
            stepsDone.add(name);
        }
    }

    private void report() throws IOException {
        MarkdownReport md = new MarkdownReport();
        md.heading(1, "I/O deep dive");
        md.bullets(List.of(
                "dataset: `" + run.properties.get("dataset") + "`, " + run.dataset.batchIds().size()
                        + " batch files, " + run.properties.getOrDefault("dataset_events", "?") + " events, "
                        + run.properties.getOrDefault("dataset_pulses", "?") + " pulses",
                "measured files: batches " + run.properties.get("measured_batches") + ", "
                        + String.format(Locale.ROOT, "%.1f", run.files.stream().mapToDouble(BatchFile::mib).sum())
                        + " MiB",
                "machine: " + run.cores + " processors, " + run.properties.get("java") + ", "
                        + run.properties.get("os"),
                "every timed figure is the median of " + run.timer.count() + " repetitions after one warm-up; cold "
                        + "repetitions each evict first",
                "parameters: " + run.context.parameters().asText()));
        if (run.cancelled()) {
            md.paragraph("**The run was cancelled; steps done: " + stepsDone + ".**");
        }
        reportOrder.forEach(e -> e.report(run, md));
        if (!run.plotProblems.isEmpty()) {
            md.heading(2, "Plots that could not be drawn");
            md.bullets(run.plotProblems);
        }
        md.write(run.output(REPORT_FILE));
    }
}
