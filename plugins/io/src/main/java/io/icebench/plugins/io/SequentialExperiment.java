package io.icebench.plugins.io;

import io.icebench.icecube.read.LoadedBatch;
import io.icebench.plugins.support.Charts;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Series;
import io.icebench.spi.Table;
import io.icebench.spi.Timer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.ToDoubleFunction;

import static io.icebench.plugins.io.Repetitions.median;

/**
 * What loading every batch file in turn costs: sustained throughput, and memory (VmRSS, heap, the batch's arrays)
 * after each file, with one batch held at a time. One untimed pass, then one timed pass per repetition; the last
 * pass's files fill the table and the memory plot. Both the pass and each file's load are timed by the SPI's timer,
 * as every other figure of the study.
 */
final class SequentialExperiment implements Experiment {

    static final String MEMORY_PNG = "sequential-memory.png";
    static final String MEMORY_CHART = "Memory while loading every batch file in turn";

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final boolean rssAvailable = ProcessMemory.rss().isPresent();
    private final Timer walkTimer = Timer.of("memory_walk", null);
    private final Timer fileTimer = Timer.of("file_load", null);

    /** Memory after one file of the last pass. */
    private record Point(double loaded, double rss, double heap, double arrays) {
    }

    /** One pass over every file; {@code cancelled} when the runner stopped it half-way. */
    private record Pass(long pulses, double seconds, double maxRss, List<Double> heap, boolean cancelled) {
    }

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public long timedReadsPerRepetition(StudyRun run) {
        return 1;
    }

    @Override
    public void run(StudyRun run) {
        Repetitions timer = run.timer;
        long peakBefore = ProcessMemory.peakRss().orElse(-1);
        double[] passRates = new double[timer.count()];
        double[] passMaxRss = new double[timer.count()];
        List<Double> heap = new ArrayList<>();
        Table.Builder table = Table.builder("sequential", "batch", "pulses", "load (s)", "pulses/s",
                "batch arrays (MiB)", "VmRSS after (MiB)", "heap used after (MiB)")
                .title("Every batch file loaded in turn (model columns + event boundaries, one batch held at a time),"
                        + " last of " + timer.count() + " timed passes after a warm-up pass");
        List<Point> points = new ArrayList<>();
        long pulsesPerPass = 0;
        for (int pass = -1; pass < timer.count(); pass++) {
            boolean last = pass == timer.count() - 1;
            Pass done = pass(run, last ? table : null, points);
            if (done.cancelled()) {
                return;
            }
            pulsesPerPass = done.pulses();
            if (pass >= 0) {
                heap.addAll(done.heap());
                timer.timedElsewhere();
                passRates[pass] = done.pulses() / done.seconds();
                passMaxRss[pass] = done.maxRss();
            }
        }
        long peakAfter = ProcessMemory.peakRss().orElse(-1);
        run.sample(IoMetrics.SEQUENTIAL_PULSES, passRates);
        run.sample(IoMetrics.SEQUENTIAL_HEAP, heap.stream().mapToDouble(Double::doubleValue).toArray());
        if (rssAvailable) {
            run.sample(IoMetrics.SEQUENTIAL_MAX_RSS, passMaxRss);
        }
        if (peakAfter >= 0) {
            run.sample(IoMetrics.PEAK_RSS, peakAfter / StudyRun.MIB);
        }
        run.property("sequential_pulses", pulsesPerPass);
        run.property("sequential_files", run.dataset.batchIds().size());
        run.table(table.build());
        summary(run, pulsesPerPass, passRates, passMaxRss, heap, peakBefore, peakAfter);
        memorySeries(run, points);
    }

    /** One pass; with a {@code table}, each file's row and memory point go there. */
    private Pass pass(StudyRun run, Table.Builder table, List<Point> points) {
        long pulses = 0;
        double maxRss = 0;
        int loaded = 0;
        List<Double> heap = new ArrayList<>();
        Timer.Sample passSample = walkTimer.start();
        Iterator<LoadedBatch> batches = run.dataset.iterator(StudyRun.MODEL, run.cores);
        while (batches.hasNext()) {
            if (run.cancelledNow()) {
                passSample.close();
                return new Pass(pulses, 0, maxRss, heap, true);
            }
            Timer.Sample fileSample = fileTimer.start();
            LoadedBatch batch;
            try (fileSample) {
                batch = batches.next();
            }
            double seconds = fileSample.elapsedNanos() / 1e9;
            int size = batch.pulses().size();
            double arrays = batch.pulses().bytes() / StudyRun.MIB;
            pulses += size;
            double rss = ProcessMemory.rss().orElse(0) / StudyRun.MIB;
            double heapUsed = memory.getHeapMemoryUsage().getUsed() / StudyRun.MIB;
            maxRss = Math.max(maxRss, rss);
            loaded++;
            heap.add(heapUsed);
            if (table != null) {
                table.row(batch.batchId(), (long) size, seconds, size / seconds, arrays,
                        rssAvailable ? rss : null, heapUsed);
                points.add(new Point(loaded, rss, heapUsed, arrays));
            }
        }
        passSample.close();
        return new Pass(pulses, passSample.elapsedNanos() / 1e9, maxRss, heap, false);
    }

    private void summary(StudyRun run, long pulsesPerPass, double[] passRates, double[] passMaxRss,
                         List<Double> heap, long peakBefore, long peakAfter) {
        double mib = StudyRun.MIB;
        Table.Builder summary = Table.builder("sequential_summary", "quantity", "value", "unit")
                .title("Sequential loading: sustained throughput and memory");
        summary.row("batch files per pass", (long) run.dataset.batchIds().size(), "files");
        summary.row("pulses per pass", pulsesPerPass, "pulses");
        summary.row("sustained throughput (median of " + run.timer.count() + " passes)", median(passRates),
                "pulses/s");
        summary.row("largest VmRSS after a file (median of the passes)", rssAvailable ? median(passMaxRss) : null,
                "MiB");
        summary.row("VmHWM before the step (process peak since start)", peakBefore >= 0 ? peakBefore / mib : null,
                "MiB");
        summary.row("VmHWM after the step", peakAfter >= 0 ? peakAfter / mib : null, "MiB");
        summary.row("largest heap used after a file",
                heap.stream().mapToDouble(Double::doubleValue).max().orElse(0), "MiB");
        summary.row("heap max (-Xmx)", memory.getHeapMemoryUsage().getMax() / mib, "MiB");
        run.table(summary.build());
    }

    private void memorySeries(StudyRun run, List<Point> points) {
        double[] x = values(points, Point::loaded);
        if (rssAvailable) {
            run.series(new Series(MEMORY_CHART, "VmRSS", "batch files loaded", "MiB", x, values(points, Point::rss)));
        }
        run.series(new Series(MEMORY_CHART, "heap used", "batch files loaded", "MiB", x,
                values(points, Point::heap)));
        run.series(new Series(MEMORY_CHART, "the batch's arrays", "batch files loaded", "MiB", x,
                values(points, Point::arrays)));
    }

    private static double[] values(List<Point> points, ToDoubleFunction<Point> value) {
        return points.stream().mapToDouble(value).toArray();
    }

    @Override
    public void plot(StudyRun run) {
        run.plotSeries(MEMORY_CHART, MEMORY_PNG,
                s -> Charts.lines(MEMORY_CHART, s, false, false, run.output(MEMORY_PNG)));
    }

    @Override
    public void report(StudyRun run, MarkdownReport md) {
        if (run.table("sequential") != null) {
            md.heading(2, "Sequential loading of every batch file");
            md.paragraph("VmHWM is the process's peak since it started and cannot be reset, so it may come from "
                    + "earlier work in the same process; the largest VmRSS sampled after each file is this step's "
                    + "own. Heap is sampled without forcing a collection.");
            md.table(run.table("sequential_summary"));
            run.image(md, MEMORY_PNG, MEMORY_CHART);
            md.table(run.table("sequential"));
        }
    }
}
