package io.icebench.plugins.io;

import io.icebench.plugins.support.MarkdownReport;
import io.icebench.icecube.Column;
import io.icebench.icecube.DefaultDataset;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.Geometry;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.read.BatchReader;
import io.icebench.icecube.read.Dataset;
import io.icebench.icecube.read.LoadedBatch;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.Progress;
import io.icebench.spi.Series;
import io.icebench.spi.Table;
import io.icebench.spi.Timer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.icebench.plugins.io.Repetitions.median;
import static io.icebench.plugins.io.Repetitions.rates;

/**
 * One run of the I/O study: the steps in order, each skipped once the runner cancels, then the plots and the
 * report. Holds the run's state, so the plugin itself stays stateless.
 *
 * <p>Order matters for the memory figures: DuckDB runs last, so its native allocations do not inflate the peak
 * RSS of sequential loading, and the warm reads come before the cold ones, so every timed read runs JIT-compiled.
 */
final class IoStudy {

    static final String REPORT_FILE = "io-report.md";
    static final String HISTOGRAM_PNG = "pulses-per-event.png";
    static final String THREADS_PNG = "threads.png";
    static final String READERS_PNG = "reader-vs-duckdb-vs-raw.png";
    static final String MEMORY_PNG = "sequential-memory.png";

    static final String HISTOGRAM_CHART = "Pulses per event (log-binned, log count)";
    static final String THREADS_CHART = "Our reader: throughput vs threads (warm, model columns)";
    static final String READERS_CHART = "Our reader vs DuckDB vs the raw-read limit";
    static final String MEMORY_CHART = "Memory while loading every batch file in turn";

    private static final double MIB = 1024.0 * 1024.0;
    private static final int EVICTION_ATTEMPTS = 3;
    /** Enough for C2 to compile the decoders on these files, short enough on real 170 MB files. */
    private static final int JIT_WARMUP_READS = 20;
    private static final long JIT_WARMUP_NANOS = 3_000_000_000L;
    private static final Set<Column> MODEL = Column.modelInputs();

    /** One measured batch file; {@code pulses} comes from the meta file and every read is checked against it. */
    record BatchFile(int batchId, Path path, long bytes, long pulses) {
        double mib() {
            return bytes / MIB;
        }
    }

    /** What the read steps found for one file; cold arrays are null when cold reads were not asked for. */
    private static final class FileReads {
        final BatchFile file;
        double[] warm;
        double[] rawWarm;
        double[] cold;
        double[] rawCold;
        String coldFailure = "";
        long maxResident;
        double[] duckdb;
        DuckDbReference.Scan duckdbScan;
        DuckDbReference.Scan ourScan;

        FileReads(BatchFile file) {
            this.file = file;
        }

        boolean coldVerified() {
            return cold != null && coldFailure.isEmpty();
        }

        /** The row label of the evicted reads: cold only when every eviction before them was confirmed. */
        String coldCondition() {
            if (coldVerified()) {
                return "cold (verified: at most " + maxResident + " bytes resident)";
            }
            return "warm (eviction failed: " + coldFailure + ")";
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private final PluginContext context;
    private final Evictor evictor;
    private final System.Logger log;
    private final int maxFiles;
    private final int threadsParameter;
    private final boolean cold;
    private final boolean duckdb;
    private final int bins;
    private final int cores;
    private final Repetitions timer;

    private final Map<Metric, List<double[]>> samples = new LinkedHashMap<>();
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<Series> series = new ArrayList<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> plots = new ArrayList<>();
    private final List<String> plotProblems = new ArrayList<>();
    private final List<String> stepsDone = new ArrayList<>();

    private Dataset dataset;
    private EventMeta meta;
    private List<BatchFile> files;
    private final List<FileReads> reads = new ArrayList<>();
    private LogHistogram histogram;
    private String duckdbProblem = "";
    private boolean cancelled;

    IoStudy(PluginContext context, Evictor evictor) {
        this.context = context;
        this.evictor = evictor;
        this.log = context.logger();
        Parameters parameters = context.parameters();
        this.maxFiles = parameters.getInt(IoPlugin.MAX_FILES);
        this.threadsParameter = parameters.getInt(IoPlugin.THREADS);
        this.cold = parameters.getBoolean(IoPlugin.COLD);
        this.duckdb = parameters.getBoolean(IoPlugin.DUCKDB);
        this.bins = parameters.getInt(IoPlugin.HISTOGRAM_BINS);
        this.cores = Runtime.getRuntime().availableProcessors();
        this.timer = new Repetitions(parameters.getInt(IoPlugin.REPETITIONS));
    }

    Measurements run() throws Exception {
        Path folder = DefaultDataset.resolve(context.dataset());
        dataset = Dataset.open(folder);
        meta = dataset.meta();
        List<BatchFile> measured = new ArrayList<>();
        for (int id : dataset.batchIds().subList(0, Math.min(maxFiles, dataset.batchIds().size()))) {
            measured.add(describe(id));
        }
        files = List.copyOf(measured);
        properties.put("dataset", folder.toAbsolutePath());
        properties.put("dataset_files", dataset.batchIds().size());
        properties.put("files_measured", files.size());
        properties.put("measured_batches", files.stream().map(f -> String.valueOf(f.batchId())).toList());
        properties.put("measured_bytes", files.stream().mapToLong(BatchFile::bytes).sum());
        properties.put("available_processors", cores);
        properties.put("repetitions", timer.count());
        properties.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        properties.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));

        try (Progress progress = context.progress("timed reads", plannedTimedReads())) {
            timer.reportTo(progress);
            step("metadata", this::metadata);
            step("reads", this::reads);
            step("projection", this::projection);
            step("threads", this::threads);
            step("sequential", this::sequential);
            if (duckdb) {
                step("duckdb", this::duckdb);
            } else {
                properties.put("duckdb", "off (parameter duckdb=false)");
            }
        } finally {
            timer.reportTo(Progress.NONE);
        }
        coldProperties();
        if (!reads.isEmpty()) {
            readTables();
        }
        properties.put("steps_done", stepsDone);
        properties.put("cancelled", cancelled);
        properties.put("checksum", Long.toHexString(timer.sink()));
        charts();
        report();
        return build();
    }

    /**
     * The study's progress unit: one timed read (a repetition of one figure: a file read warm, raw or cold, a
     * projection or thread-count pass over the measured files, a sequential pass, a DuckDB scan). Warm-ups are not
     * counted; they take about one more unit per figure.
     */
    long plannedTimedReads() {
        long perFile = cold ? 4 : 2;
        long units = files.size() * perFile // reads: ours and raw, warm (and cold)
                + 3 // projection: three column sets
                + sweepThreads() // threads: 1..most
                + 1; // sequential
        if (duckdb) {
            units += files.size();
        }
        return units * timer.count();
    }

    private BatchFile describe(int batchId) throws IOException {
        Path path = dataset.batchFile(batchId);
        int[] rows = meta.rowsOfBatch(batchId);
        long pulses = rows[0] == rows[1] ? BatchReader.rowCount(path) : meta.lastPulse()[rows[1] - 1] + 1;
        return new BatchFile(batchId, path, Files.size(path), pulses);
    }

    private void step(String name, Step step) throws Exception {
        if (cancelled || context.isCancelled()) {
            cancelled = true;
            return;
        }
        log.log(System.Logger.Level.INFO, "io: " + name);
        long start = System.nanoTime();
        step.run();
        properties.put("step_seconds." + name, String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
        if (!cancelled) {
            stepsDone.add(name);
        }
    }

    private boolean cancelledNow() {
        if (context.isCancelled()) {
            cancelled = true;
        }
        return cancelled;
    }

    // ---------------------------------------------------------------------------------------------------- metadata

    private void metadata() {
        int events = meta.size();
        int[] pulsesPerEvent = new int[events];
        long totalPulses = 0;
        for (int i = 0; i < events; i++) {
            pulsesPerEvent[i] = meta.pulses(i);
            totalPulses += pulsesPerEvent[i];
        }
        properties.put("dataset_events", events);
        properties.put("dataset_pulses", totalPulses);

        List<Integer> ids = dataset.batchIds();
        int[] eventsPerBatch = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            int[] rows = meta.rowsOfBatch(ids.get(i));
            eventsPerBatch[i] = rows[1] - rows[0];
        }

        // DOMs need the pulses: sensor_id alone, from the measured files. A stamp per sensor (the event that
        // last touched it) makes the distinct count O(pulses) with no clearing between events.
        IntStream.Builder domsPerEvent = IntStream.builder();
        IntStream.Builder pulsesPerDom = IntStream.builder();
        int[] stamp = new int[Geometry.SENSORS];
        int[] count = new int[Geometry.SENSORS];
        int[] touched = new int[Geometry.SENSORS];
        Arrays.fill(stamp, -1);
        int eventNumber = 0;
        for (BatchFile file : files) {
            if (cancelledNow()) {
                return;
            }
            LoadedBatch batch = dataset.load(file.batchId(), EnumSet.of(Column.SENSOR_ID), cores);
            short[] sensor = batch.pulses().sensorId();
            int[] starts = batch.eventStarts();
            for (int e = 0; e + 1 < starts.length; e++, eventNumber++) {
                int doms = 0;
                for (int p = starts[e]; p < starts[e + 1]; p++) {
                    int s = sensor[p];
                    if (s < 0 || s >= Geometry.SENSORS) {
                        throw new IllegalStateException("batch " + file.batchId() + " (" + file.path()
                                + ") has sensor_id " + s + " at row " + p + ", outside 0.." + (Geometry.SENSORS - 1));
                    }
                    if (stamp[s] != eventNumber) {
                        stamp[s] = eventNumber;
                        count[s] = 0;
                        touched[doms++] = s;
                    }
                    count[s]++;
                }
                domsPerEvent.add(doms);
                for (int d = 0; d < doms; d++) {
                    pulsesPerDom.add(count[touched[d]]);
                }
            }
        }
        int[] doms = domsPerEvent.build().toArray();
        int[] perDom = pulsesPerDom.build().toArray();

        String allMeta = "meta file, all " + events + " events";
        String measuredFiles = "first " + files.size() + " batch file" + (files.size() == 1 ? "" : "s");
        Table.Builder table = Table.builder("metadata", "quantity", "source", "count", "min", "median", "mean",
                "p95", "p99", "p99.9", "max")
                .title("What the data looks like: HF7 quantiles (numpy's default)");
        row(table, "pulses per event", allMeta, Distribution.of(pulsesPerEvent));
        row(table, "events per batch", "meta file, all " + ids.size() + " batch files", Distribution.of(eventsPerBatch));
        if (doms.length > 0) {
            row(table, "DOMs per event", measuredFiles, Distribution.of(doms));
            row(table, "pulses per DOM (per event)", measuredFiles, Distribution.of(perDom));
            long single = Arrays.stream(perDom).filter(v -> v == 1).count();
            properties.put("single_pulse_dom_fraction", String.format(Locale.ROOT, "%.4f",
                    (double) single / perDom.length));
        }
        tables.put("metadata", table.build());

        histogram = LogHistogram.of(pulsesPerEvent, bins);
        Table.Builder bars = Table.builder("pulses_per_event_histogram", "bin", "from (pulses)",
                "to (pulses, inclusive)", "events")
                .title("Pulses per event, " + histogram.bins() + " log-spaced bins (" + HISTOGRAM_PNG + ")");
        double[] x = new double[histogram.bins()];
        double[] y = new double[histogram.bins()];
        for (int b = 0; b < histogram.bins(); b++) {
            bars.row(b + 1, histogram.edges()[b], histogram.edges()[b + 1] - 1, histogram.counts()[b]);
            x[b] = histogram.edges()[b];
            y[b] = histogram.counts()[b];
        }
        tables.put("pulses_per_event_histogram", bars.build());
        series.add(new Series(HISTOGRAM_CHART, "events", "pulses per event (bin start)", "events", x, y));
    }

    private static void row(Table.Builder table, String quantity, String source, Distribution d) {
        table.row(quantity, source, d.count(), d.min(), d.median(), d.mean(), d.p95(), d.p99(), d.p999(), d.max());
    }

    // ------------------------------------------------------------------------------------ cold, warm and raw reads

    private void reads() throws Exception {
        warmUpJit();
        RawReader raw = new RawReader();
        for (BatchFile file : files) {
            if (cancelledNow()) {
                return;
            }
            FileReads r = new FileReads(file);
            r.warm = timer.warm(() -> read(file, MODEL, cores));
            r.rawWarm = timer.warm(() -> rawRead(raw, file));
            if (cold) {
                coldReads(r, raw);
            }
            reads.add(r);

            sample(IoMetrics.WARM_READ_PULSES, rates(file.pulses(), r.warm));
            sample(IoMetrics.WARM_READ_BYTES, rates(file.bytes(), r.warm));
            sample(IoMetrics.RAW_WARM_BYTES, rates(file.bytes(), r.rawWarm));
            sample(IoMetrics.READER_TO_RAW_WARM, ratio(file.bytes(), r.warm, r.rawWarm));
            if (r.coldVerified()) {
                sample(IoMetrics.COLD_READ_PULSES, rates(file.pulses(), r.cold));
                sample(IoMetrics.COLD_READ_BYTES, rates(file.bytes(), r.cold));
                sample(IoMetrics.RAW_COLD_BYTES, rates(file.bytes(), r.rawCold));
                sample(IoMetrics.READER_TO_RAW_COLD, ratio(file.bytes(), r.cold, r.rawCold));
            } else if (cold) {
                log.log(System.Logger.Level.WARNING, "io: batch " + file.batchId() + ": " + r.coldCondition()
                        + "; its evicted reads are reported as warm, not cold");
            }
        }
    }

    /**
     * One warm-up run per figure is not enough for the JIT on small files: the first file's figures would measure
     * the interpreter. So before anything is timed, the decoders run until compiled (all columns, on one thread and
     * on all), bounded in reads and in time.
     */
    private void warmUpJit() {
        long deadline = System.nanoTime() + JIT_WARMUP_NANOS;
        int reads = 0;
        while (reads < JIT_WARMUP_READS && System.nanoTime() < deadline && !cancelledNow()) {
            read(files.get(reads % files.size()), EnumSet.allOf(Column.class), reads % 2 == 0 ? cores : 1);
            reads++;
        }
        properties.put("jit_warmup_reads", reads);
    }

    /** Each repetition evicts first, and the raw read evicts again: neither benefits from the other's pages. */
    private void coldReads(FileReads r, RawReader raw) throws Exception {
        BatchFile file = r.file;
        r.cold = new double[timer.count()];
        r.rawCold = new double[timer.count()];
        for (int i = 0; i < timer.count(); i++) {
            note(r, evict(file.path()));
            r.cold[i] = timer.time(() -> read(file, MODEL, cores));
            note(r, evict(file.path()));
            r.rawCold[i] = timer.time(() -> rawRead(raw, file));
        }
    }

    /**
     * Our reader memory-maps the file, and the kernel does not drop pages that are still mapped; a mapping goes
     * away only when the garbage collector frees its buffer (and the JDK's cleaner thread then unmaps it). So:
     * collect first, and when pages are still found resident, collect and wait again before giving up. The
     * collection also keeps a GC pause out of the timed read that follows.
     */
    private Evictor.Eviction evict(Path file) throws InterruptedException {
        Evictor.Eviction eviction = null;
        for (int attempt = 0; attempt < EVICTION_ATTEMPTS; attempt++) {
            System.gc();
            if (attempt > 0) {
                Thread.sleep(50L * attempt);
            }
            eviction = evictor.evict(file);
            if (eviction.verified() || eviction.residentBytes() < 0) {
                // Verified, or a failure more collections cannot cure (a tool missing, say).
                return eviction;
            }
        }
        return Evictor.Eviction.failed(eviction.residentBytes(), eviction.reason() + " after " + EVICTION_ATTEMPTS
                + " GC + eviction attempts (memory mappings are released only by a GC)");
    }

    private static void note(FileReads r, Evictor.Eviction eviction) {
        if (eviction.verified()) {
            r.maxResident = Math.max(r.maxResident, eviction.residentBytes());
        } else if (r.coldFailure.isEmpty()) {
            r.coldFailure = eviction.reason();
        }
    }

    /** Reads one file with our reader and checks it holds the pulses the meta file promises. */
    private static long read(BatchFile file, Set<Column> columns, int threads) {
        PulseBatch pulses = BatchReader.read(file.path(), columns, threads);
        if (pulses.size() != file.pulses()) {
            throw new IllegalStateException("batch " + file.batchId() + " (" + file.path() + ") read "
                    + pulses.size() + " pulses, the meta file says " + file.pulses());
        }
        return pulses.size();
    }

    private static long rawRead(RawReader raw, BatchFile file) throws IOException {
        long bytes = raw.read(file.path());
        if (bytes != file.bytes()) {
            throw new IllegalStateException("raw read of " + file.path() + " got " + bytes + " bytes, the file has "
                    + file.bytes() + "; was it changed during the run?");
        }
        return bytes;
    }

    /** Median throughput of {@code reader} over median throughput of {@code limit}, both over the same bytes. */
    private static double ratio(long bytes, double[] reader, double[] limit) {
        return median(rates(bytes, reader)) / median(rates(bytes, limit));
    }

    private void readTables() {
        Table.Builder table = Table.builder("reads", "batch", "condition", "file (MiB)", "pulses", "reader (s)",
                "reader (pulses/s)", "reader (MiB/s)", "raw limit (MiB/s)", "reader / raw limit", "cold verified")
                .title("Our reader (model columns, " + cores + " threads) beside the raw sequential read of the same "
                        + "bytes; medians of " + timer.count() + " repetitions");
        for (FileReads r : reads) {
            BatchFile f = r.file;
            readRow(table, f, "warm", r.warm, r.rawWarm, null);
            if (r.cold != null) {
                readRow(table, f, r.coldCondition(), r.cold, r.rawCold, r.coldVerified());
            }
        }
        tables.put("reads", table.build());

        List<Series> bars = new ArrayList<>();
        bars.add(barSeries("our reader, warm", reads, r -> r.warm));
        if (reads.stream().anyMatch(r -> r.duckdb != null)) {
            bars.add(barSeries("DuckDB, warm", reads.stream().filter(r -> r.duckdb != null).toList(),
                    r -> r.duckdb));
        }
        bars.add(barSeries("raw read, warm", reads, r -> r.rawWarm));
        List<FileReads> verified = reads.stream().filter(FileReads::coldVerified).toList();
        if (!verified.isEmpty()) {
            bars.add(barSeries("our reader, cold (verified)", verified, r -> r.cold));
            bars.add(barSeries("raw read, cold (verified)", verified, r -> r.rawCold));
        }
        series.addAll(bars);
    }

    private void readRow(Table.Builder table, BatchFile f, String condition, double[] reader, double[] raw,
                         Boolean verified) {
        double seconds = median(reader);
        double readerMib = median(rates(f.mib(), reader));
        double rawMib = median(rates(f.mib(), raw));
        table.row(f.batchId(), condition, f.mib(), f.pulses(), seconds, median(rates(f.pulses(), reader)), readerMib,
                rawMib, readerMib / rawMib, verified);
    }

    private static Series barSeries(String name, List<FileReads> of,
                                    java.util.function.Function<FileReads, double[]> seconds) {
        double[] x = new double[of.size()];
        double[] y = new double[of.size()];
        for (int i = 0; i < of.size(); i++) {
            FileReads r = of.get(i);
            x[i] = r.file.batchId();
            y[i] = median(rates(r.file.mib(), seconds.apply(r)));
        }
        return new Series(READERS_CHART, name, "batch file", "MiB/s of file bytes (median)", x, y);
    }

    private void coldProperties() {
        if (!cold) {
            properties.put("cold_verified", "not attempted (parameter cold=false)");
            return;
        }
        long verified = reads.stream().filter(FileReads::coldVerified).count();
        properties.put("cold_verified", verified == reads.size() && !reads.isEmpty() ? "all files"
                : verified == 0 ? "no file" : verified + " of " + reads.size() + " files");
        for (FileReads r : reads) {
            properties.put("cold_verified.batch_" + r.file.batchId(),
                    r.coldVerified() ? "true" : "false: " + r.coldFailure);
        }
    }

    // -------------------------------------------------------------------------------------------------- projection

    private void projection() throws Exception {
        record Projection(String name, Set<Column> columns, Metric metric) {
        }
        List<Projection> projections = List.of(
                new Projection("all five columns", EnumSet.allOf(Column.class), IoMetrics.PROJECTION_ALL),
                new Projection("the model's four", MODEL, IoMetrics.PROJECTION_MODEL),
                new Projection("time alone", EnumSet.of(Column.TIME), IoMetrics.PROJECTION_TIME));
        long pulses = files.stream().mapToLong(BatchFile::pulses).sum();
        Table.Builder table = Table.builder("projection", "projection", "columns", "time (s)", "pulses/s",
                "time vs the model's four")
                .title("Column projection: the " + files.size() + " measured files, warm, " + cores
                        + " threads; medians of " + timer.count());
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>();
        for (Projection projection : projections) {
            if (cancelledNow()) {
                return;
            }
            double[] s = timer.warm(() -> readAll(projection.columns(), cores));
            sample(projection.metric(), rates(pulses, s));
            seconds.put(projection.name(), median(s));
            rows.add(new Object[] {projection.name(), columnNames(projection.columns()), median(s),
                    median(rates(pulses, s))});
        }
        double model = seconds.get("the model's four");
        for (Object[] row : rows) {
            table.row(row[0], row[1], row[2], row[3], (Double) row[2] / model);
        }
        tables.put("projection", table.build());
    }

    private long readAll(Set<Column> columns, int threads) {
        long pulses = 0;
        for (BatchFile file : files) {
            pulses += read(file, columns, threads);
        }
        return pulses;
    }

    private static String columnNames(Set<Column> columns) {
        return String.join(", ", columns.stream().map(Column::columnName).toList());
    }

    // ----------------------------------------------------------------------------------------------------- threads

    /** The sweep's last thread count: the parameter, or the processors; at least 2, or there is nothing to see. */
    int sweepThreads() {
        return Math.max(2, threadsParameter == 0 ? cores : threadsParameter);
    }

    private void threads() throws Exception {
        int most = sweepThreads();
        long pulses = files.stream().mapToLong(BatchFile::pulses).sum();
        long bytes = files.stream().mapToLong(BatchFile::bytes).sum();
        Table.Builder table = Table.builder("threads", "threads", "time (s)", "pulses/s", "MiB/s",
                "speedup vs 1 thread", "efficiency")
                .title("Row-group x column parallelism: the " + files.size() + " measured files, warm, model columns;"
                        + " medians of " + timer.count() + " (" + cores + " processors available)");
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double[] single = null;
        for (int t = 1; t <= most; t++) {
            if (cancelledNow()) {
                break;
            }
            int threads = t;
            double[] s = timer.warm(() -> readAll(MODEL, threads));
            double[] rate = rates(pulses, s);
            if (t == 1) {
                single = rate;
                sample(IoMetrics.ONE_THREAD, rate);
            }
            double speedup = median(rate) / median(single);
            table.row(t, median(s), median(rate), median(rates(bytes / MIB, s)), speedup, speedup / t);
            x.add((double) t);
            y.add(median(rate) / 1e6);
            if (t == most) {
                sample(IoMetrics.MAX_THREADS, rate);
                double one = median(single);
                sample(IoMetrics.THREAD_SPEEDUP, Arrays.stream(rate).map(v -> v / one).toArray());
            }
        }
        tables.put("threads", table.build());
        if (!x.isEmpty()) {
            double[] xs = x.stream().mapToDouble(Double::doubleValue).toArray();
            double[] ys = y.stream().mapToDouble(Double::doubleValue).toArray();
            String yLabel = "million pulses/s (median)";
            series.add(new Series(THREADS_CHART, "our reader", "threads", yLabel, xs, ys));
            series.add(new Series(THREADS_CHART, "linear from 1 thread", "threads", yLabel, xs,
                    Arrays.stream(xs).map(t -> t * ys[0]).toArray()));
        }
    }

    // -------------------------------------------------------------------------------------------------- sequential

    private void sequential() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Integer> ids = dataset.batchIds();
        long peakBefore = ProcessMemory.peakRss().orElse(-1);
        double[] passRates = new double[timer.count()];
        double[] passMaxRss = new double[timer.count()];
        List<Double> heap = new ArrayList<>();
        Table.Builder table = Table.builder("sequential", "batch", "pulses", "load (s)", "pulses/s",
                "batch arrays (MiB)", "VmRSS after (MiB)", "heap used after (MiB)")
                .title("Every batch file loaded in turn (model columns + event boundaries, one batch held at a time),"
                        + " last of " + timer.count() + " timed passes after a warm-up pass");
        List<double[]> memoryPoints = new ArrayList<>();
        long pulsesPerPass = 0;
        boolean rssAvailable = ProcessMemory.rss().isPresent();
        Timer walkTimer = Timer.of("memory_walk", null);
        Timer fileTimer = Timer.of("file_load", null);
        for (int pass = -1; pass < timer.count(); pass++) {
            boolean last = pass == timer.count() - 1;
            long pulses = 0;
            double maxRss = 0;
            int loaded = 0;
            // Both the pass and each file's load are timed by the SPI's timer, as every other figure of the study.
            Timer.Sample passSample = walkTimer.start();
            Iterator<LoadedBatch> batches = dataset.iterator(MODEL, cores);
            while (batches.hasNext()) {
                if (cancelledNow()) {
                    passSample.close();
                    return;
                }
                Timer.Sample fileSample = fileTimer.start();
                LoadedBatch batch;
                try (fileSample) {
                    batch = batches.next();
                }
                double seconds = fileSample.elapsedNanos() / 1e9;
                int size = batch.pulses().size();
                double arrays = batch.pulses().bytes() / MIB;
                pulses += size;
                double rss = ProcessMemory.rss().orElse(0) / MIB;
                double heapUsed = memory.getHeapMemoryUsage().getUsed() / MIB;
                maxRss = Math.max(maxRss, rss);
                loaded++;
                if (pass >= 0) {
                    heap.add(heapUsed);
                }
                if (last) {
                    table.row(batch.batchId(), (long) size, seconds, size / seconds, arrays,
                            rssAvailable ? rss : null, heapUsed);
                    memoryPoints.add(new double[] {loaded, rss, heapUsed, arrays});
                }
            }
            passSample.close();
            double seconds = passSample.elapsedNanos() / 1e9;
            pulsesPerPass = pulses;
            if (pass >= 0) {
                timer.timedElsewhere();
                passRates[pass] = pulses / seconds;
                passMaxRss[pass] = maxRss;
            }
        }
        long peakAfter = ProcessMemory.peakRss().orElse(-1);
        sample(IoMetrics.SEQUENTIAL_PULSES, passRates);
        sample(IoMetrics.SEQUENTIAL_HEAP, heap.stream().mapToDouble(Double::doubleValue).toArray());
        if (rssAvailable) {
            sample(IoMetrics.SEQUENTIAL_MAX_RSS, passMaxRss);
        }
        if (peakAfter >= 0) {
            sample(IoMetrics.PEAK_RSS, peakAfter / MIB);
        }
        properties.put("sequential_pulses", pulsesPerPass);
        properties.put("sequential_files", ids.size());
        tables.put("sequential", table.build());

        Table.Builder summary = Table.builder("sequential_summary", "quantity", "value", "unit")
                .title("Sequential loading: sustained throughput and memory");
        summary.row("batch files per pass", (long) ids.size(), "files");
        summary.row("pulses per pass", pulsesPerPass, "pulses");
        summary.row("sustained throughput (median of " + timer.count() + " passes)", median(passRates), "pulses/s");
        summary.row("largest VmRSS after a file (median of the passes)", rssAvailable ? median(passMaxRss) : null,
                "MiB");
        summary.row("VmHWM before the step (process peak since start)", peakBefore >= 0 ? peakBefore / MIB : null,
                "MiB");
        summary.row("VmHWM after the step", peakAfter >= 0 ? peakAfter / MIB : null, "MiB");
        summary.row("largest heap used after a file",
                heap.stream().mapToDouble(Double::doubleValue).max().orElse(0), "MiB");
        summary.row("heap max (-Xmx)", memory.getHeapMemoryUsage().getMax() / MIB, "MiB");
        tables.put("sequential_summary", summary.build());

        double[] x = memoryPoints.stream().mapToDouble(p -> p[0]).toArray();
        String yLabel = "MiB";
        if (rssAvailable) {
            series.add(new Series(MEMORY_CHART, "VmRSS", "batch files loaded", yLabel, x,
                    memoryPoints.stream().mapToDouble(p -> p[1]).toArray()));
        }
        series.add(new Series(MEMORY_CHART, "heap used", "batch files loaded", yLabel, x,
                memoryPoints.stream().mapToDouble(p -> p[2]).toArray()));
        series.add(new Series(MEMORY_CHART, "the batch's arrays", "batch files loaded", yLabel, x,
                memoryPoints.stream().mapToDouble(p -> p[3]).toArray()));
    }

    // ------------------------------------------------------------------------------------------------------ DuckDB

    private void duckdb() throws Exception {
        DuckDbReference db;
        try {
            db = new DuckDbReference(cores);
        } catch (java.sql.SQLException | RuntimeException | LinkageError e) {
            duckdbProblem = "DuckDB could not start: " + e;
            properties.put("duckdb", duckdbProblem);
            log.log(System.Logger.Level.WARNING, "io: " + duckdbProblem);
            // Its scans will not happen: count them, so the progress ends complete rather than "stopped".
            for (int i = 0; i < reads.size() * timer.count(); i++) {
                timer.timedElsewhere();
            }
            return;
        }
        try (db) {
            properties.put("duckdb", "DuckDB " + db.version() + ", threads=" + cores);
            Table.Builder table = Table.builder("duckdb", "batch", "pulses (ours)", "rows (DuckDB)", "rows match",
                    "sums match", "DuckDB (s)", "DuckDB (pulses/s)", "DuckDB (MiB/s)", "our reader warm (pulses/s)",
                    "our reader / DuckDB")
                    .title("Reference reader: DuckDB scans and aggregates the same four columns, warm, " + cores
                            + " threads; medians of " + timer.count());
            boolean allMatch = true;
            for (FileReads r : reads) {
                if (cancelledNow()) {
                    break;
                }
                BatchFile f = r.file;
                r.ourScan = ourScan(f);
                DuckDbReference.Scan[] last = new DuckDbReference.Scan[1];
                r.duckdb = timer.warm(() -> {
                    last[0] = db.scan(f.path());
                    return last[0].rows();
                });
                r.duckdbScan = last[0];
                boolean rowsMatch = r.duckdbScan.rows() == f.pulses();
                boolean sumsMatch = sameValues(r.ourScan, r.duckdbScan);
                allMatch &= rowsMatch && sumsMatch;
                if (!rowsMatch || !sumsMatch) {
                    log.log(System.Logger.Level.WARNING, "io: batch " + f.batchId() + ": DuckDB read "
                            + r.duckdbScan + ", our reader " + r.ourScan);
                }
                double[] duckRate = rates(f.pulses(), r.duckdb);
                double ours = median(rates(f.pulses(), r.warm));
                sample(IoMetrics.DUCKDB_PULSES, duckRate);
                sample(IoMetrics.READER_TO_DUCKDB, ours / median(duckRate));
                table.row(f.batchId(), f.pulses(), r.duckdbScan.rows(), rowsMatch, sumsMatch, median(r.duckdb),
                        median(duckRate), median(rates(f.mib(), r.duckdb)), ours, ours / median(duckRate));
            }
            properties.put("duckdb_matches_our_reader", allMatch);
            tables.put("duckdb", table.build());
        }
    }

    /** The aggregates DuckDB computes, from our reader's arrays: proof both read the same values. */
    private DuckDbReference.Scan ourScan(BatchFile file) {
        PulseBatch pulses = BatchReader.read(file.path(), MODEL, cores);
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

    // ------------------------------------------------------------------------------------------- plots and report

    private void charts() {
        Path out = context.outputDirectory();
        if (histogram != null) {
            plot(HISTOGRAM_PNG, () -> Charts.histogram(HISTOGRAM_CHART, "pulses per event", histogram,
                    out.resolve(HISTOGRAM_PNG)));
        }
        plotSeries(THREADS_CHART, THREADS_PNG, s -> Charts.lines(THREADS_CHART, s, out.resolve(THREADS_PNG)));
        plotSeries(READERS_CHART, READERS_PNG, s -> Charts.bars(READERS_CHART, s, x -> "batch " + (long) x,
                out.resolve(READERS_PNG)));
        plotSeries(MEMORY_CHART, MEMORY_PNG, s -> Charts.lines(MEMORY_CHART, s, out.resolve(MEMORY_PNG)));
        properties.put("plots", plots);
        if (!plotProblems.isEmpty()) {
            properties.put("plot_problems", plotProblems);
        }
    }

    private interface Plot {
        void draw() throws IOException;
    }

    private interface SeriesPlot {
        void draw(List<Series> series) throws IOException;
    }

    private void plotSeries(String chart, String file, SeriesPlot plot) {
        List<Series> of = series.stream().filter(s -> s.chart().equals(chart)).toList();
        if (!of.isEmpty()) {
            plot(file, () -> plot.draw(of));
        }
    }

    /** A plot that cannot be drawn (no fonts on a bare machine, say) costs the plot, not the measurements. */
    private void plot(String file, Plot plot) {
        try {
            plot.draw();
            plots.add(file);
        } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
            plotProblems.add(file + ": " + e);
            log.log(System.Logger.Level.WARNING, "io: cannot draw " + file + ": " + e);
        }
    }

    private void report() throws IOException {
        MarkdownReport md = new MarkdownReport();
        md.heading(1, "I/O deep dive");
        md.bullets(List.of(
                "dataset: `" + properties.get("dataset") + "`, " + dataset.batchIds().size() + " batch files, "
                        + properties.getOrDefault("dataset_events", "?") + " events, "
                        + properties.getOrDefault("dataset_pulses", "?") + " pulses",
                "measured files: batches " + properties.get("measured_batches") + ", "
                        + String.format(Locale.ROOT, "%.1f", files.stream().mapToDouble(BatchFile::mib).sum())
                        + " MiB",
                "machine: " + cores + " processors, " + properties.get("java") + ", " + properties.get("os"),
                "every timed figure is the median of " + timer.count() + " repetitions after one warm-up; cold "
                        + "repetitions each evict first",
                "parameters: " + context.parameters().asText()));
        if (cancelled) {
            md.paragraph("**The run was cancelled; steps done: " + stepsDone + ".**");
        }
        md.heading(2, "Cold reads: what was verified");
        md.paragraph(coldStatement());

        if (tables.containsKey("reads")) {
            md.heading(2, "Our reader beside the physical limit and DuckDB");
            md.paragraph("The raw limit is the same file read front to back with a FileChannel into one reused "
                    + "8 MiB direct buffer. MiB/s counts file bytes for every reader, so the bars compare.");
            image(md, READERS_PNG, READERS_CHART);
            md.table(tables.get("reads"));
        }
        if (tables.containsKey("duckdb")) {
            md.table(tables.get("duckdb"));
        } else if (!duckdbProblem.isEmpty()) {
            md.paragraph("DuckDB: " + duckdbProblem);
        }
        if (tables.containsKey("projection")) {
            md.heading(2, "Column projection");
            md.table(tables.get("projection"));
        }
        if (tables.containsKey("threads")) {
            md.heading(2, "Threads");
            image(md, THREADS_PNG, THREADS_CHART);
            md.table(tables.get("threads"));
        }
        if (tables.containsKey("sequential")) {
            md.heading(2, "Sequential loading of every batch file");
            md.paragraph("VmHWM is the process's peak since it started and cannot be reset, so it may come from "
                    + "earlier work in the same process; the largest VmRSS sampled after each file is this step's "
                    + "own. Heap is sampled without forcing a collection.");
            md.table(tables.get("sequential_summary"));
            image(md, MEMORY_PNG, MEMORY_CHART);
            md.table(tables.get("sequential"));
        }
        if (tables.containsKey("metadata")) {
            md.heading(2, "The data");
            md.table(tables.get("metadata"));
            image(md, HISTOGRAM_PNG, HISTOGRAM_CHART);
            md.table(tables.get("pulses_per_event_histogram"));
        }
        if (!plotProblems.isEmpty()) {
            md.heading(2, "Plots that could not be drawn");
            md.bullets(plotProblems);
        }
        md.write(context.outputDirectory().resolve(REPORT_FILE));
    }

    private void image(MarkdownReport md, String file, String alt) {
        if (plots.contains(file)) {
            md.image(alt, file);
        }
    }

    String coldStatement() {
        if (!cold) {
            return "No cold reads were made (parameter cold=false): every figure here is warm.";
        }
        if (reads.isEmpty()) {
            return "No file was read.";
        }
        List<String> verified = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (FileReads r : reads) {
            if (r.coldVerified()) {
                verified.add("batch " + r.file.batchId());
            } else {
                failed.add("batch " + r.file.batchId() + " (" + r.coldFailure + ")");
            }
        }
        StringBuilder text = new StringBuilder("Before each cold repetition the file was fsync'ed, dropped with "
                + "`dd iflag=nocache count=0` (posix_fadvise DONTNEED) and checked with `fincore`; a read counts as "
                + "cold only when less than " + (int) CoreutilsEvictor.MAX_RESIDENT_PERCENT + "% of the file was "
                + "still resident before every repetition. ");
        if (failed.isEmpty()) {
            text.append("**Cold verified for every measured file: ").append(String.join(", ", verified))
                    .append(".**");
        } else {
            text.append(verified.isEmpty() ? "**No cold read was verified.** "
                    : "**Cold verified for " + String.join(", ", verified) + " only.** ");
            text.append("Eviction failed for ").append(String.join("; ", failed)).append(": those rows are labelled "
                    + "`warm (eviction failed: ...)`, their figures are warm reads and are left out of every cold "
                    + "metric and bar.");
        }
        return text.toString();
    }

    // ------------------------------------------------------------------------------------------------------ output

    private void sample(Metric metric, double... values) {
        samples.computeIfAbsent(metric, m -> new ArrayList<>()).add(values.clone());
    }

    private Measurements build() {
        Measurements.Builder out = Measurements.builder();
        for (Metric metric : IoMetrics.ALL) {
            List<double[]> parts = samples.get(metric);
            if (parts == null) {
                continue;
            }
            double[] all = parts.stream().flatMapToDouble(Arrays::stream).toArray();
            if (all.length > 0) {
                out.add(metric, all);
            }
        }
        tables.values().forEach(out::table);
        series.forEach(out::series);
        properties.forEach(out::property);
        return out.build();
    }
}
