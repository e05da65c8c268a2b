package io.icebench.plugins.io;

import io.icebench.plugins.support.Charts;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Series;
import io.icebench.spi.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.icebench.plugins.io.Repetitions.median;
import static io.icebench.plugins.io.Repetitions.rates;

/** Row-group x column parallelism: the measured files read warm with 1, 2, ... threads, against linear scaling. */
final class ThreadsExperiment implements Experiment {

    static final String THREADS_PNG = "threads.png";
    static final String THREADS_CHART = "Our reader: throughput vs threads (warm, model columns)";

    @Override
    public String name() {
        return "threads";
    }

    /** The sweep's last thread count: the parameter, or the processors; at least 2, or there is nothing to see. */
    static int sweepThreads(StudyRun run) {
        return Math.max(2, run.threadsParameter == 0 ? run.cores : run.threadsParameter);
    }

    @Override
    public long timedReadsPerRepetition(StudyRun run) {
        return sweepThreads(run);
    }

    @Override
    public void run(StudyRun run) throws Exception {
        int most = sweepThreads(run);
        long pulses = run.measuredPulses();
        long bytes = run.files.stream().mapToLong(BatchFile::bytes).sum();
        Table.Builder table = Table.builder("threads", "threads", "time (s)", "pulses/s", "MiB/s",
                "speedup vs 1 thread", "efficiency")
                .title("Row-group x column parallelism: the " + run.files.size() + " measured files, warm, model "
                        + "columns; medians of " + run.timer.count() + " (" + run.cores + " processors available)");
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double[] single = null;
        for (int t = 1; t <= most; t++) {
            if (run.cancelledNow()) {
                break;
            }
            int threads = t;
            double[] s = run.timer.warm(() -> run.readAll(StudyRun.MODEL, threads));
            double[] rate = rates(pulses, s);
            if (t == 1) {
                single = rate;
                run.sample(IoMetrics.ONE_THREAD, rate);
            }
            double speedup = median(rate) / median(single);
            table.row(t, median(s), median(rate), median(rates(bytes / StudyRun.MIB, s)), speedup, speedup / t);
            x.add((double) t);
            y.add(median(rate) / 1e6);
            if (t == most) {
                run.sample(IoMetrics.MAX_THREADS, rate);
                double one = median(single);
                run.sample(IoMetrics.THREAD_SPEEDUP, Arrays.stream(rate).map(v -> v / one).toArray());
            }
        }
        run.table(table.build());
        if (!x.isEmpty()) {
            double[] xs = x.stream().mapToDouble(Double::doubleValue).toArray();
            double[] ys = y.stream().mapToDouble(Double::doubleValue).toArray();
            String yLabel = "million pulses/s (median)";
            run.series(new Series(THREADS_CHART, "our reader", "threads", yLabel, xs, ys));
            run.series(new Series(THREADS_CHART, "linear from 1 thread", "threads", yLabel, xs,
                    Arrays.stream(xs).map(t -> t * ys[0]).toArray()));
        }
    }

    @Override
    public void plot(StudyRun run) {
        run.plotSeries(THREADS_CHART, THREADS_PNG,
                s -> Charts.lines(THREADS_CHART, s, false, false, run.output(THREADS_PNG)));
    }

    @Override
    public void report(StudyRun run, MarkdownReport md) {
        if (run.table("threads") != null) {
            md.heading(2, "Threads");
            run.image(md, THREADS_PNG, THREADS_CHART);
            md.table(run.table("threads"));
        }
    }
}
