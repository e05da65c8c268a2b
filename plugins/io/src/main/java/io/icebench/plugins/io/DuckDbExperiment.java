package io.icebench.plugins.io;

import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.read.BatchReader;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Table;

import static io.icebench.plugins.io.Repetitions.median;
import static io.icebench.plugins.io.Repetitions.rates;

/**
 * The reference reader: DuckDB scans and aggregates the same four columns of each file our reader read, warm, and
 * the aggregates are checked against our reader's, so both are known to read the same values. Runs last, so its
 * native allocations do not inflate the peak RSS of sequential loading.
 */
final class DuckDbExperiment implements Experiment {

    private String problem = "";

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String disabledBecause(StudyRun run) {
        return run.duckdb ? "" : "off (parameter duckdb=false)";
    }

    @Override
    public long timedReadsPerRepetition(StudyRun run) {
        return run.files.size();
    }

    @Override
    public void run(StudyRun run) throws Exception {
        DuckDbReference db;
        try {
            db = new DuckDbReference(run.cores);
        } catch (java.sql.SQLException | RuntimeException | LinkageError e) {
            problem = "DuckDB could not start: " + e;
            run.property("duckdb", problem);
            run.log.log(System.Logger.Level.WARNING, "io: " + problem);
            // Its scans will not happen: count them, so the progress ends complete rather than "stopped".
            for (int i = 0; i < run.reads.size() * run.timer.count(); i++) {
                run.timer.timedElsewhere();
            }
            return;
        }
        try (db) {
            run.property("duckdb", "DuckDB " + db.version() + ", threads=" + run.cores);
            scan(run, db);
        }
    }

    private static void scan(StudyRun run, DuckDbReference db) throws Exception {
        Table.Builder table = Table.builder("duckdb", "batch", "pulses (ours)", "rows (DuckDB)", "rows match",
                "sums match", "DuckDB (s)", "DuckDB (pulses/s)", "DuckDB (MiB/s)", "our reader warm (pulses/s)",
                "our reader / DuckDB")
                .title("Reference reader: DuckDB scans and aggregates the same four columns, warm, " + run.cores
                        + " threads; medians of " + run.timer.count());
        boolean allMatch = true;
        for (FileReads r : run.reads) {
            if (run.cancelledNow()) {
                break;
            }
            BatchFile f = r.file;
            DuckDbReference.Scan ourScan = ourScan(f, run.cores);
            DuckDbReference.Scan[] last = new DuckDbReference.Scan[1];
            r.duckdb = run.timer.warm(() -> {
                last[0] = db.scan(f.path());
                return last[0].rows();
            });
            DuckDbReference.Scan duckdbScan = last[0];
            boolean rowsMatch = duckdbScan.rows() == f.pulses();
            boolean sumsMatch = sameValues(ourScan, duckdbScan);
            allMatch &= rowsMatch && sumsMatch;
            if (!rowsMatch || !sumsMatch) {
                run.log.log(System.Logger.Level.WARNING, "io: batch " + f.batchId() + ": DuckDB read "
                        + duckdbScan + ", our reader " + ourScan);
            }
            double[] duckRate = rates(f.pulses(), r.duckdb);
            double ours = median(rates(f.pulses(), r.warm));
            run.sample(IoMetrics.DUCKDB_PULSES, duckRate);
            run.sample(IoMetrics.READER_TO_DUCKDB, ours / median(duckRate));
            table.row(f.batchId(), f.pulses(), duckdbScan.rows(), rowsMatch, sumsMatch, median(r.duckdb),
                    median(duckRate), median(rates(f.mib(), r.duckdb)), ours, ours / median(duckRate));
        }
        run.property("duckdb_matches_our_reader", allMatch);
        run.table(table.build());
    }

    /** The aggregates DuckDB computes, from our reader's arrays: proof both read the same values. */
    private static DuckDbReference.Scan ourScan(BatchFile file, int threads) {
        PulseBatch pulses = BatchReader.read(file.path(), StudyRun.MODEL, threads);
        long sensor = 0;
        long time = 0;
        double charge = 0;
        long auxiliary = 0;
        short[] s = pulses.sensorId();
        long[] t = pulses.time();
        double[] c = pulses.charge();
        boolean[] a = pulses.auxiliary();
        for (int i = 0; i < pulses.size(); i++) {
            sensor += s[i];
            time += t[i];
            charge += c[i];
            auxiliary += a[i] ? 1 : 0;
        }
        return new DuckDbReference.Scan(pulses.size(), sensor, time, charge, auxiliary);
    }

    /** Integers exactly; the charge sum to 1e-9 relative, since the two sum in different orders. */
    static boolean sameValues(DuckDbReference.Scan ours, DuckDbReference.Scan theirs) {
        return ours.rows() == theirs.rows() && ours.sumSensorId() == theirs.sumSensorId()
                && ours.sumTime() == theirs.sumTime() && ours.auxiliary() == theirs.auxiliary()
                && Math.abs(ours.sumCharge() - theirs.sumCharge())
                <= 1e-9 * Math.max(1, Math.abs(theirs.sumCharge()));
    }

    @Override
    public void report(StudyRun run, MarkdownReport md) {
        if (run.table("duckdb") != null) {
            md.table(run.table("duckdb"));
        } else if (!problem.isEmpty()) {
            md.paragraph("DuckDB: " + problem);
        }
    }
}
