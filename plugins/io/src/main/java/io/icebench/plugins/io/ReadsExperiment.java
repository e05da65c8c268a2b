package io.icebench.plugins.io;

import io.icebench.icecube.Column;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Series;
import io.icebench.spi.Table;

import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;

import static io.icebench.plugins.io.Repetitions.median;
import static io.icebench.plugins.io.Repetitions.rates;

/**
 * Our reader beside the physical limit, file by file: the model's columns read warm, the same bytes read raw, and,
 * when asked, both again cold ({@link ColdReads}). The table and the bars wait for {@link #finish}, since the bars
 * also show DuckDB's scans, which run last.
 */
final class ReadsExperiment implements Experiment {

    static final String READERS_PNG = "reader-vs-duckdb-vs-raw.png";
    static final String READERS_CHART = "Our reader vs DuckDB vs the raw-read limit";

    /** Enough for C2 to compile the decoders on these files, short enough on real 170 MB files. */
    private static final int JIT_WARMUP_READS = 20;
    private static final long JIT_WARMUP_NANOS = 3_000_000_000L;

    @Override
    public String name() {
        return "reads";
    }

    @Override
    public long timedReadsPerRepetition(StudyRun run) {
        return run.files.size() * (run.cold ? 4L : 2L);
    }

    @Override
    public void run(StudyRun run) throws Exception {
        warmUpJit(run);
        RawReader raw = new RawReader();
        for (BatchFile file : run.files) {
            if (run.cancelledNow()) {
                return;
            }
            FileReads r = new FileReads(file);
            r.warm = run.timer.warm(() -> file.read(StudyRun.MODEL, run.cores));
            r.rawWarm = run.timer.warm(() -> file.rawRead(raw));
            if (run.cold) {
                ColdReads.measure(run, r, raw);
            }
            run.reads.add(r);

            run.sample(IoMetrics.WARM_READ_PULSES, rates(file.pulses(), r.warm));
            run.sample(IoMetrics.WARM_READ_BYTES, rates(file.bytes(), r.warm));
            run.sample(IoMetrics.RAW_WARM_BYTES, rates(file.bytes(), r.rawWarm));
            run.sample(IoMetrics.READER_TO_RAW_WARM, ratio(file.bytes(), r.warm, r.rawWarm));
            if (r.coldVerified()) {
                run.sample(IoMetrics.COLD_READ_PULSES, rates(file.pulses(), r.cold));
                run.sample(IoMetrics.COLD_READ_BYTES, rates(file.bytes(), r.cold));
                run.sample(IoMetrics.RAW_COLD_BYTES, rates(file.bytes(), r.rawCold));
                run.sample(IoMetrics.READER_TO_RAW_COLD, ratio(file.bytes(), r.cold, r.rawCold));
            } else if (run.cold) {
                run.log.log(System.Logger.Level.WARNING, "io: batch " + file.batchId() + ": " + r.coldCondition()
                        + "; its evicted reads are reported as warm, not cold");
            }
        }
    }

    /**
     * One warm-up run per figure is not enough for the JIT on small files: the first file's figures would measure
     * the interpreter. So before anything is timed, the decoders run until compiled (all columns, on one thread and
     * on all), bounded in reads and in time.
     */
    private static void warmUpJit(StudyRun run) {
        long deadline = System.nanoTime() + JIT_WARMUP_NANOS;
        int reads = 0;
        while (reads < JIT_WARMUP_READS && System.nanoTime() < deadline && !run.cancelledNow()) {
            run.files.get(reads % run.files.size()).read(EnumSet.allOf(Column.class), reads % 2 == 0 ? run.cores : 1);
            reads++;
        }
        run.property("jit_warmup_reads", reads);
    }

    /** Median throughput of {@code reader} over median throughput of {@code limit}, both over the same bytes. */
    private static double ratio(long bytes, double[] reader, double[] limit) {
        return median(rates(bytes, reader)) / median(rates(bytes, limit));
    }

    @Override
    public void finish(StudyRun run) {
        ColdReads.properties(run);
        if (run.reads.isEmpty()) {
            return;
        }
        Table.Builder table = Table.builder("reads", "batch", "condition", "file (MiB)", "pulses", "reader (s)",
                "reader (pulses/s)", "reader (MiB/s)", "raw limit (MiB/s)", "reader / raw limit", "cold verified")
                .title("Our reader (model columns, " + run.cores + " threads) beside the raw sequential read of the "
                        + "same bytes; medians of " + run.timer.count() + " repetitions");
        for (FileReads r : run.reads) {
            row(table, r.file, "warm", r.warm, r.rawWarm, null);
            if (r.cold != null) {
                row(table, r.file, r.coldCondition(), r.cold, r.rawCold, r.coldVerified());
            }
        }
        run.table(table.build());

        List<FileReads> reads = run.reads;
        run.series(bars("our reader, warm", reads, r -> r.warm));
        if (reads.stream().anyMatch(r -> r.duckdb != null)) {
            run.series(bars("DuckDB, warm", reads.stream().filter(r -> r.duckdb != null).toList(), r -> r.duckdb));
        }
        run.series(bars("raw read, warm", reads, r -> r.rawWarm));
        List<FileReads> verified = reads.stream().filter(FileReads::coldVerified).toList();
        if (!verified.isEmpty()) {
            run.series(bars("our reader, cold (verified)", verified, r -> r.cold));
            run.series(bars("raw read, cold (verified)", verified, r -> r.rawCold));
        }
    }

    private static void row(Table.Builder table, BatchFile f, String condition, double[] reader, double[] raw,
                            Boolean verified) {
        double seconds = median(reader);
        double readerMib = median(rates(f.mib(), reader));
        double rawMib = median(rates(f.mib(), raw));
        table.row(f.batchId(), condition, f.mib(), f.pulses(), seconds, median(rates(f.pulses(), reader)), readerMib,
                rawMib, readerMib / rawMib, verified);
    }

    private static Series bars(String name, List<FileReads> of, Function<FileReads, double[]> seconds) {
        double[] x = new double[of.size()];
        double[] y = new double[of.size()];
        for (int i = 0; i < of.size(); i++) {
            FileReads r = of.get(i);
            x[i] = r.file.batchId();
            y[i] = median(rates(r.file.mib(), seconds.apply(r)));
        }
        return new Series(READERS_CHART, name, "batch file", "MiB/s of file bytes (median)", x, y);
    }

    @Override
    public void plot(StudyRun run) {
        run.plotSeries(READERS_CHART, READERS_PNG, s -> IoCharts.bars(READERS_CHART, s, x -> "batch " + (long) x,
                run.output(READERS_PNG)));
    }

    @Override
    public void report(StudyRun run, MarkdownReport md) {
        md.heading(2, "Cold reads: what was verified");
        md.paragraph(ColdReads.statement(run));
        if (run.table("reads") != null) {
            md.heading(2, "Our reader beside the physical limit and DuckDB");
            md.paragraph("The raw limit is the same file read front to back with a FileChannel into one reused "
                    + "8 MiB direct buffer. MiB/s counts file bytes for every reader, so the bars compare.");
            run.image(md, READERS_PNG, READERS_CHART);
            md.table(run.table("reads"));
        }
    }
}
