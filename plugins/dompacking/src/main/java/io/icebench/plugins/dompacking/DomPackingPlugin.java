package io.icebench.plugins.dompacking;

import io.icebench.plugins.support.MarkdownReport;
import io.icebench.icecube.Column;
import io.icebench.icecube.DefaultDataset;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.collate.Collator;
import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.collate.EventSource;
import io.icebench.icecube.pack.DomPacker;
import io.icebench.icecube.pack.OversizePolicy;
import io.icebench.icecube.pack.PackedSequences;
import io.icebench.icecube.pack.PackingAlgorithm;
import io.icebench.icecube.read.Dataset;
import io.icebench.icecube.read.EventSlice;
import io.icebench.icecube.read.LoadedBatch;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Progress;
import io.icebench.spi.Series;
import io.icebench.spi.Table;
import io.icebench.spi.Timer;
import io.icebench.spi.Unit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Exploratory: how the DOMs of extreme events pack into fixed-length sequences for full-mask attention, per packing
 * algorithm and sequence length, against the original pipeline's per-DOM padding and against bucketed per-DOM
 * attention. Scans the meta file for the events with the most pulses, collates them (and a random baseline) by
 * DOM, and packs each case with every algorithm: efficiency, split and truncated pulses, time per pulse, bytes
 * allocated, and the memory each strategy needs by formula. Writes PNG plots and {@code dom-packing-report.md}.
 */
public final class DomPackingPlugin implements BenchmarkPlugin {

    public static final String ID = "dom-packing";

    /** Attention heads and model width of the DOM-level transformer the memory formulas assume. */
    static final int HEADS = 8;
    static final int D_MODEL = 128;
    /** Float features per packed position (time, charge, auxiliary, x, y, z, DOM-relative index). */
    static final int FEATURES = 7;
    /** Warm-up packs per measured configuration, before the timed repetitions. */
    static final int WARM_UP = 3;
    /** Pulses one timing sample covers at least (small batches are packed several times per sample). */
    static final int PULSES_PER_SAMPLE = 50_000;

    static final Metric PACKING_EFFICIENCY = Metric.higherIsBetter("packing_efficiency", Unit.RATIO,
            "valid over total positions, one sample per case, at max_seq_len 512 (or the first) with the best algorithm");
    static final Metric NS_PER_PULSE = Metric.lowerIsBetter("packing_ns_per_pulse", Unit.NANOSECONDS,
            "packing time per pulse, one sample per repetition, largest case, best algorithm");
    static final Metric PULSES_PER_SECOND = Metric.higherIsBetter("packing_pulses_per_second", Unit.of("pulses/s"),
            "pulses packed per second on one core, one sample per repetition, largest case, best algorithm");

    static final String TABLE_EXTREME = "extreme-events";
    static final String TABLE_PACKING = "packing";
    static final String TABLE_MEMORY = "memory";
    static final String TABLE_FORMULAS = "memory-formulas";
    static final String TABLE_JMH = "jmh";
    static final String REPORT = "dom-packing-report.md";
    static final String PNG_EFFICIENCY = "efficiency-vs-max-seq-len.png";
    static final String PNG_MEMORY = "memory-vs-event-size.png";
    static final String PNG_TIME = "packing-time-vs-event-size.png";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PluginKind kind() {
        return PluginKind.EXPLORATORY;
    }

    @Override
    public String description() {
        return "Packing the DOMs of extreme events into fixed-length sequences, against per-DOM padding";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(PACKING_EFFICIENCY, NS_PER_PULSE, PULSES_PER_SECOND);
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.of("scan_events", ParameterSpec.Type.LONG, 0,
                        "events to scan for the extreme ones, in meta order; 0 = the whole dataset"),
                ParameterSpec.of("top_k", ParameterSpec.Type.INT, 10, "extreme events to keep (by pulses)"),
                ParameterSpec.of("max_seq_len", ParameterSpec.Type.INT_LIST, "256,512,1024",
                        "sequence lengths to pack into"),
                ParameterSpec.of("algorithms", ParameterSpec.Type.STRING_LIST,
                        "sequential-greedy,first-fit-decreasing,best-fit-decreasing", "packing algorithms"),
                ParameterSpec.of("oversize", ParameterSpec.Type.STRING, "split",
                        "DOMs longer than max_seq_len: split or truncate"),
                ParameterSpec.of("random_events", ParameterSpec.Type.INT, 64,
                        "random events of the scanned range, the ordinary baseline"),
                ParameterSpec.of("seed", ParameterSpec.Type.LONG, 1, "seed choosing the random events"),
                ParameterSpec.of("repetitions", ParameterSpec.Type.INT, 5, "timed packs per configuration"),
                ParameterSpec.of("jmh", ParameterSpec.Type.BOOLEAN, false,
                        "also time the packing kernel with JMH in a forked JVM"));
    }

    @Override
    public void validate(Parameters parameters) {
        long scan = parameters.getLong("scan_events");
        if (scan < 0) {
            throw new IllegalArgumentException("scan_events is " + scan + "; use 0 (whole dataset) or more");
        }
        int topK = parameters.getInt("top_k");
        if (topK < 1 || topK > 10_000) {
            throw new IllegalArgumentException("top_k is " + topK + "; use 1 to 10000");
        }
        List<Integer> lengths = parameters.getIntList("max_seq_len");
        if (lengths.isEmpty()) {
            throw new IllegalArgumentException("max_seq_len is empty; give at least one length such as [512]");
        }
        for (int length : lengths) {
            if (length < 1 || length > 65_536) {
                throw new IllegalArgumentException("max_seq_len contains " + length + "; use lengths 1 to 65536");
            }
        }
        List<String> algorithms = parameters.getStringList("algorithms");
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("algorithms is empty; use some of sequential-greedy,"
                    + " first-fit-decreasing, best-fit-decreasing");
        }
        for (String algorithm : algorithms) {
            PackingAlgorithm.parse(algorithm);
        }
        oversize(parameters.getString("oversize"));
        int random = parameters.getInt("random_events");
        if (random < 0) {
            throw new IllegalArgumentException("random_events is " + random + "; use 0 or more");
        }
        int repetitions = parameters.getInt("repetitions");
        if (repetitions < 1 || repetitions > 1000) {
            throw new IllegalArgumentException("repetitions is " + repetitions + "; use 1 to 1000");
        }
    }

    private static OversizePolicy oversize(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "split" -> OversizePolicy.SPLIT;
            case "truncate" -> OversizePolicy.TRUNCATE;
            default -> throw new IllegalArgumentException("oversize is '" + text + "'; use split or truncate");
        };
    }

    /** One event of the dataset: its meta row, batch, index within the batch, id and pulses. */
    record EventRef(int row, int batchId, int index, long eventId, int pulses) {
    }

    /** A set of events packed together. */
    record Case(String name, List<EventRef> events, DomBatch batch) {
    }

    /** One configuration's result: the packing, its timing and its allocation. */
    record Run(PackedSequences packed, double[] nsPerPulse, long allocatedBytes) {
        double medianNsPerPulse() {
            return median(nsPerPulse);
        }
    }

    @Override
    public Measurements run(PluginContext context) throws Exception {
        Parameters parameters = context.parameters();
        validate(parameters);
        int topK = parameters.getInt("top_k");
        List<Integer> lengths = parameters.getIntList("max_seq_len").stream().distinct().sorted().toList();
        List<PackingAlgorithm> algorithms = parameters.getStringList("algorithms").stream()
                .map(PackingAlgorithm::parse).distinct().toList();
        OversizePolicy policy = oversize(parameters.getString("oversize"));
        int repetitions = parameters.getInt("repetitions");
        System.Logger log = context.logger();

        Path datasetDir = DefaultDataset.resolve(context.dataset());
        Dataset dataset = Dataset.open(datasetDir);
        EventMeta meta = dataset.meta();
        Set<Integer> present = new HashSet<>(dataset.batchIds());
        long scanLimit = parameters.getLong("scan_events");
        int scanned = (int) Math.min(meta.size(), scanLimit == 0 ? Long.MAX_VALUE : scanLimit);

        // 1. Scan the meta file: pulses per event are known without decoding any batch.
        List<Integer> rows = new ArrayList<>();
        PriorityQueue<Integer> top = new PriorityQueue<>(Comparator.<Integer>comparingInt(meta::pulses)
                .thenComparing(Comparator.reverseOrder()));
        for (int row = 0; row < scanned; row++) {
            if (!present.contains((int) meta.batchId()[row])) {
                continue;
            }
            rows.add(row);
            if (top.size() < topK) {
                top.add(row);
            } else if (meta.pulses(row) > meta.pulses(top.peek())) {
                top.poll();
                top.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("dataset " + datasetDir + " has no events in its first " + scanned
                    + " meta rows");
        }
        List<Integer> topRows = new ArrayList<>(top);
        topRows.sort(Comparator.<Integer>comparingInt(meta::pulses).reversed().thenComparing(Comparator.naturalOrder()));
        List<Integer> randomRows = sample(rows, parameters.getInt("random_events"), parameters.getLong("seed"));

        // 2. Collate the needed events, one DomBatch each.
        Map<Integer, EventRef> refs = new LinkedHashMap<>();
        for (int row : concat(topRows, randomRows)) {
            refs.computeIfAbsent(row, r -> ref(meta, r));
        }
        Map<Integer, DomBatch> collated = collate(dataset, refs.values());

        // 3. The extreme-events table.
        Table.Builder extremeTable = Table.builder(TABLE_EXTREME, "rank", "batch", "event_id", "pulses", "DOMs",
                "max pulses per DOM", "DOMs with > 1 pulse")
                .title("The " + topRows.size() + " events with the most pulses among " + rows.size() + " scanned");
        for (int i = 0; i < topRows.size(); i++) {
            EventRef ref = refs.get(topRows.get(i));
            DomBatch batch = collated.get(ref.row());
            extremeTable.row(i + 1, ref.batchId(), ref.eventId(), ref.pulses(), batch.doms(),
                    DomBatches.maxPulsesPerDom(batch), multiPulseDoms(batch));
        }

        // 4. The cases.
        List<Case> cases = new ArrayList<>();
        for (int size : new int[] {1, 5, 10}) {
            int n = Math.min(size, topRows.size());
            if (n == 0 || (size > 1 && n < size && cases.size() > 0
                    && cases.get(cases.size() - 1).events().size() == n)) {
                continue;
            }
            String name = n == 1 ? "most extreme event" : "top " + n + " events";
            cases.add(caseOf(name, topRows.subList(0, n), refs, collated));
        }
        if (!randomRows.isEmpty()) {
            cases.add(caseOf(randomRows.size() + " random events", randomRows, refs, collated));
        }

        // 5. JIT warm-up over every configuration, bounded in time.
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        for (int round = 0; round < 20 && System.nanoTime() < warmUntil && !context.isCancelled(); round++) {
            for (Case c : cases) {
                for (int length : lengths) {
                    for (PackingAlgorithm algorithm : algorithms) {
                        DomPacker.pack(c.batch(), length, algorithm, policy);
                    }
                }
            }
        }

        // 6. Measure every case × length × algorithm; a progress unit is one configuration measured.
        int chartLength = lengths.contains(512) ? 512 : lengths.get(0);
        Map<String, Run> runs = new LinkedHashMap<>();
        try (Progress progress = context.progress("configurations measured",
                (long) cases.size() * lengths.size() * algorithms.size())) {
            for (Case c : cases) {
                for (int length : lengths) {
                    for (PackingAlgorithm algorithm : algorithms) {
                        if (context.isCancelled()) {
                            throw new InterruptedException("cancelled");
                        }
                        runs.put(key(c.name(), length, algorithm), measure(c.batch(), length, algorithm, policy,
                                repetitions));
                        progress.step();
                    }
                }
            }
        }
        PackingAlgorithm best = algorithms.get(0);
        double bestTotal = -1;
        double bestTime = Double.MAX_VALUE;
        // Highest total efficiency over the cases at the chart length; among equals, the fastest.
        for (PackingAlgorithm algorithm : algorithms) {
            double total = 0;
            double time = 0;
            for (Case c : cases) {
                Run run = runs.get(key(c.name(), chartLength, algorithm));
                total += run.packed().efficiency();
                time += run.medianNsPerPulse() * c.batch().pulses();
            }
            if (total > bestTotal + 1e-9 || (Math.abs(total - bestTotal) <= 1e-9 && time < bestTime)) {
                bestTotal = total;
                bestTime = time;
                best = algorithm;
            }
        }

        Table.Builder packingTable = Table.builder(TABLE_PACKING, "case", "events", "pulses", "DOMs", "max_seq_len",
                "algorithm", "sequences", "efficiency", "pulses split", "pulses truncated", "time (ns/pulse, median)",
                "pulses/s", "allocated (B)", "packed size (B)", "full-mask attention (B)")
                .title("Packing per case, sequence length and algorithm (oversize " + policy.name().toLowerCase(Locale.ROOT)
                        + "; time: median of " + repetitions + " samples after warm-up, one core, a sample covering >= "
                        + PULSES_PER_SAMPLE + " pulses; allocated: one pack;"
                        + " packed size = PackedSequences.bytes() + positions x " + FEATURES + " floats x 4 B;"
                        + " full-mask attention = sequences x " + HEADS + " heads x L^2 x 4 B)");
        Table.Builder memoryTable = Table.builder(TABLE_MEMORY, "case", "pulses", "DOMs", "max pulses per DOM",
                "max_seq_len", "algorithm", "sequences", "packed size (B)", "packing: full-mask attention (B)",
                "bucketed per-DOM attention (B)", "per-DOM padding (B)", "padding / packing")
                .title("Memory by strategy, best algorithm (" + best.label() + "); full-mask attention = sequences x "
                        + HEADS + " x L^2 x 4 B; bucketed = sum over DOMs with n > 1 of " + HEADS
                        + " x nextPow2(n)^2 x 4 B; padding = DOMs x " + HEADS + " x M^2 x 4 B + DOMs x M x "
                        + D_MODEL + " x 4 B (M = max pulses per DOM)");
        for (Case c : cases) {
            DomBatch batch = c.batch();
            int maxPerDom = DomBatches.maxPulsesPerDom(batch);
            long bucketed = bucketedAttentionBytes(batch);
            long padding = paddingBytes(batch.doms(), maxPerDom);
            for (int length : lengths) {
                for (PackingAlgorithm algorithm : algorithms) {
                    Run run = runs.get(key(c.name(), length, algorithm));
                    PackedSequences packed = run.packed();
                    double ns = run.medianNsPerPulse();
                    packingTable.row(c.name(), c.events().size(), batch.pulses(), batch.doms(), length,
                            algorithm.label(), packed.sequences(), packed.efficiency(), packed.splitPulses(),
                            packed.truncatedPulses(), ns, ns > 0 ? 1e9 / ns : null, run.allocatedBytes(),
                            packedBytes(packed), fullMaskAttentionBytes(packed));
                }
                PackedSequences packed = runs.get(key(c.name(), length, best)).packed();
                long attention = fullMaskAttentionBytes(packed);
                memoryTable.row(c.name(), batch.pulses(), batch.doms(), maxPerDom, length, best.label(),
                        packed.sequences(), packedBytes(packed), attention, bucketed, padding,
                        attention == 0 ? null : (double) padding / attention);
            }
        }
        Table formulas = Table.builder(TABLE_FORMULAS, "quantity", "formula")
                .title("How the memory columns are computed (4-byte floats)")
                .row("packed size", "PackedSequences.bytes() + sequences x L x " + FEATURES + " features x 4 B")
                .row("packing: full-mask attention", "sequences x " + HEADS + " heads x L^2 x 4 B")
                .row("bucketed per-DOM attention", "sum over DOMs with n > 1 pulses of " + HEADS
                        + " heads x b(n)^2 x 4 B, b(n) = next power of two >= n; one-pulse DOMs need none")
                .row("per-DOM padding (original)", "DOMs x " + HEADS + " heads x M^2 x 4 B + DOMs x M x d_model "
                        + D_MODEL + " x 4 B, M = max pulses per DOM in the case")
                .build();

        // 7. Per-event curves at the chart length: memory and packing time against event size.
        List<EventRef> perEvent = new ArrayList<>(refs.values());
        perEvent.sort(Comparator.comparingInt(EventRef::pulses).thenComparingInt(EventRef::row));
        int n = perEvent.size();
        double[] x = new double[n];
        double[] paddingY = new double[n];
        double[] packingY = new double[n];
        double[] bucketedY = new double[n];
        Map<PackingAlgorithm, double[]> timeY = new LinkedHashMap<>();
        for (PackingAlgorithm algorithm : algorithms) {
            timeY.put(algorithm, new double[n]);
        }
        try (Progress progress = context.progress("events timed", (long) n * algorithms.size())) {
            for (int i = 0; i < n; i++) {
                DomBatch batch = collated.get(perEvent.get(i).row());
                x[i] = batch.pulses();
                paddingY[i] = paddingBytes(batch.doms(), DomBatches.maxPulsesPerDom(batch)) / MIB;
                bucketedY[i] = bucketedAttentionBytes(batch) / MIB;
                for (PackingAlgorithm algorithm : algorithms) {
                    if (context.isCancelled()) {
                        throw new InterruptedException("cancelled");
                    }
                    Run run = measure(batch, chartLength, algorithm, policy, repetitions);
                    timeY.get(algorithm)[i] = run.medianNsPerPulse() * batch.pulses() / 1000.0;
                    if (algorithm == best) {
                        packingY[i] = fullMaskAttentionBytes(run.packed()) / MIB;
                    }
                    progress.step();
                }
            }
        }

        List<Series> efficiencySeries = new ArrayList<>();
        double[] lengthX = lengths.stream().mapToDouble(Integer::doubleValue).toArray();
        String efficiencyChart = "Packing efficiency vs max_seq_len";
        for (Case c : cases) {
            if (c != cases.get(0) && c != cases.get(cases.size() - 1)) {
                continue;
            }
            for (PackingAlgorithm algorithm : algorithms) {
                double[] y = new double[lengths.size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = runs.get(key(c.name(), lengths.get(i), algorithm)).packed().efficiency();
                }
                efficiencySeries.add(new Series(efficiencyChart, algorithm.label() + " (" + c.name() + ")",
                        "max_seq_len (positions)", "packing efficiency (valid / total)", lengthX, y));
            }
        }
        String memoryChart = "Memory vs event size (L = " + chartLength + ", " + best.label() + ")";
        String memoryY = "memory (MiB, log scale)";
        List<Series> memorySeries = List.of(
                new Series(memoryChart, "per-DOM padding", "event size (pulses)", memoryY, x, paddingY),
                new Series(memoryChart, "packing: full-mask attention", "event size (pulses)", memoryY, x, packingY),
                positive(new Series(memoryChart, "bucketed per-DOM attention", "event size (pulses)", memoryY, x,
                        bucketedY)));
        String timeChart = "Packing time vs event size (L = " + chartLength + ")";
        List<Series> timeSeries = new ArrayList<>();
        for (PackingAlgorithm algorithm : algorithms) {
            timeSeries.add(new Series(timeChart, algorithm.label(), "event size (pulses)",
                    "packing time (us, median)", x, timeY.get(algorithm)));
        }

        // 8. Metrics.
        double[] efficiencySamples = new double[cases.size()];
        Case largest = cases.get(0);
        for (int i = 0; i < cases.size(); i++) {
            efficiencySamples[i] = runs.get(key(cases.get(i).name(), chartLength, best)).packed().efficiency();
            if (cases.get(i).batch().pulses() > largest.batch().pulses()) {
                largest = cases.get(i);
            }
        }
        double[] nsSamples = runs.get(key(largest.name(), chartLength, best)).nsPerPulse();
        double[] rateSamples = Arrays.stream(nsSamples).map(ns -> ns > 0 ? 1e9 / ns : 0).toArray();

        Measurements.Builder out = Measurements.builder()
                .add(PACKING_EFFICIENCY, efficiencySamples)
                .add(NS_PER_PULSE, nsSamples)
                .add(PULSES_PER_SECOND, rateSamples)
                .table(extremeTable.build())
                .table(packingTable.build())
                .table(memoryTable.build())
                .table(formulas)
                .property("dataset", datasetDir)
                .property("events_scanned", rows.size())
                .property("best_algorithm", best.label())
                .property("chart_max_seq_len", chartLength)
                .property("oversize", policy.name().toLowerCase(Locale.ROOT))
                .property("timing_case", largest.name());
        Table jmh = null;
        if (parameters.getBoolean("jmh")) {
            jmh = JmhPacking.run(chartLength, best, policy, log);
            out.table(jmh);
        }
        efficiencySeries.forEach(out::series);
        memorySeries.forEach(out::series);
        timeSeries.forEach(out::series);
        Measurements measurements = out.build();

        // 9. Plots and report.
        Path dir = context.outputDirectory();
        Charts.lines(efficiencyChart, efficiencySeries, false, false, dir.resolve(PNG_EFFICIENCY));
        Charts.lines(memoryChart, memorySeries, true, true, dir.resolve(PNG_MEMORY));
        Charts.lines(timeChart, timeSeries, false, false, dir.resolve(PNG_TIME));
        MarkdownReport report = new MarkdownReport()
                .heading(1, "DOM packing")
                .paragraph("Dataset `" + datasetDir + "`, " + rows.size() + " events scanned; oversize DOMs "
                        + policy.name().toLowerCase(Locale.ROOT) + "; best algorithm at L = " + chartLength + ": "
                        + best.label() + ". Times are medians of " + repetitions
                        + " in-process samples (System.nanoTime; a sample packs a small case repeatedly to cover at least "
                        + PULSES_PER_SAMPLE + " pulses) after warm-up, on one core.")
                .heading(2, "Extreme events")
                .table(measurements.tables().get(0))
                .heading(2, "Packing")
                .image("efficiency vs max_seq_len", PNG_EFFICIENCY)
                .table(measurements.tables().get(1))
                .heading(2, "Memory")
                .image("memory vs event size", PNG_MEMORY)
                .paragraph("Per event at L = " + chartLength + ". Events whose DOMs all hold a single pulse need no"
                        + " bucketed attention memory and have no point on that (logarithmic) line.")
                .table(measurements.tables().get(2))
                .table(formulas)
                .heading(2, "Packing time")
                .image("packing time vs event size", PNG_TIME);
        if (jmh != null) {
            report.heading(2, "JMH").table(jmh);
        }
        report.write(dir.resolve(REPORT));
        log.log(System.Logger.Level.INFO, "dom-packing: " + cases.size() + " cases, best " + best.label()
                + ", report in " + dir.resolve(REPORT));
        return measurements;
    }

    private static final double MIB = 1024.0 * 1024.0;

    static String key(String caseName, int length, PackingAlgorithm algorithm) {
        return caseName + '|' + length + '|' + algorithm.name();
    }

    /**
     * Packs once for the result (and its allocation), then times {@code repetitions} samples after warm-up. A sample
     * covers enough packs of the batch for about {@link #PULSES_PER_SAMPLE} pulses, so a small case is not timed
     * from a single pack of a few microseconds.
     */
    static Run measure(DomBatch batch, int maxSeqLen, PackingAlgorithm algorithm, OversizePolicy policy,
                       int repetitions) {
        // The SPI's timer: its allocation figure is the one pack's heap, its wall time each sample's.
        Timer once = Timer.of("pack_once", null);
        PackedSequences packed;
        try (Timer.Sample sample = once.start()) {
            packed = DomPacker.pack(batch, maxSeqLen, algorithm, policy);
        }
        int pulses = Math.max(1, batch.pulses());
        int packsPerSample = Math.max(1, PULSES_PER_SAMPLE / pulses);
        for (int i = 0; i < WARM_UP * packsPerSample; i++) {
            DomPacker.pack(batch, maxSeqLen, algorithm, policy);
        }
        Timer samples = Timer.of("pack", null);
        for (int i = 0; i < repetitions; i++) {
            int sequences = 0;
            try (Timer.Sample sample = samples.start()) {
                for (int k = 0; k < packsPerSample; k++) {
                    sequences += DomPacker.pack(batch, maxSeqLen, algorithm, policy).sequences();
                }
            }
            if (sequences != packed.sequences() * packsPerSample) {
                throw new IllegalStateException("packing is not deterministic");
            }
        }
        double[] ns = java.util.Arrays.stream(samples.samples(Timer.Figure.WALL_TIME))
                .map(millis -> millis * 1e6 / ((long) pulses * packsPerSample)).toArray();
        long allocated = (long) once.samples(Timer.Figure.ALLOCATED)[0];
        return new Run(packed, ns, allocated);
    }


    /** The series without its points at y = 0 (events whose DOMs all hold one pulse need no attention memory). */
    private static Series positive(Series series) {
        double[] x = series.x();
        double[] y = series.y();
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] > 0) {
                x[n] = x[i];
                y[n++] = y[i];
            }
        }
        return new Series(series.chart(), series.name(), series.xLabel(), series.yLabel(), Arrays.copyOf(x, n),
                Arrays.copyOf(y, n));
    }

    static long packedBytes(PackedSequences packed) {
        return packed.bytes() + packed.totalSlots() * FEATURES * 4L;
    }

    static long fullMaskAttentionBytes(PackedSequences packed) {
        return (long) packed.sequences() * HEADS * packed.maxSeqLen() * (long) packed.maxSeqLen() * 4L;
    }

    static long bucketedAttentionBytes(DomBatch batch) {
        long total = 0;
        for (int d = 0; d < batch.doms(); d++) {
            int pulses = batch.pulsesOfDom(d);
            if (pulses > 1) {
                long b = DomBatches.nextPowerOfTwo(pulses);
                total += HEADS * b * b * 4L;
            }
        }
        return total;
    }

    static long paddingBytes(int doms, int maxPulsesPerDom) {
        long m = maxPulsesPerDom;
        return doms * HEADS * m * m * 4L + doms * m * D_MODEL * 4L;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int multiPulseDoms(DomBatch batch) {
        int count = 0;
        for (int d = 0; d < batch.doms(); d++) {
            if (batch.pulsesOfDom(d) > 1) {
                count++;
            }
        }
        return count;
    }

    private static EventRef ref(EventMeta meta, int row) {
        long batchId = meta.batchId()[row];
        int index = row - meta.rowsOfBatch(batchId)[0];
        return new EventRef(row, (int) batchId, index, meta.eventId()[row], meta.pulses(row));
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** {@code count} distinct rows chosen uniformly (all when there are not more), in row order. */
    static List<Integer> sample(List<Integer> rows, int count, long seed) {
        if (count >= rows.size()) {
            return new ArrayList<>(rows);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<Integer> chosen = new HashSet<>();
        // Floyd's algorithm: count distinct indices in O(count).
        for (int j = rows.size() - count; j < rows.size(); j++) {
            int t = random.nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        List<Integer> result = new ArrayList<>();
        for (int index : chosen) {
            result.add(rows.get(index));
        }
        result.sort(Comparator.naturalOrder());
        return result;
    }

    /**
     * Collates each event alone, grouped by DOM. A batch with many wanted events is loaded whole; otherwise only
     * the row groups of each event are read.
     */
    private static Map<Integer, DomBatch> collate(Dataset dataset, Iterable<EventRef> refs) {
        Map<Integer, List<EventRef>> byBatch = new TreeMap<>();
        for (EventRef ref : refs) {
            byBatch.computeIfAbsent(ref.batchId(), b -> new ArrayList<>()).add(ref);
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        Collator collator = new Collator();
        Map<Integer, DomBatch> result = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<EventRef>> entry : byBatch.entrySet()) {
            List<EventRef> wanted = entry.getValue();
            if (wanted.size() > 8) {
                LoadedBatch loaded = dataset.load(entry.getKey(), Column.modelInputs(), threads);
                int[] starts = loaded.eventStarts();
                int events = loaded.eventCount();
                EventSource source = new EventSource(loaded.pulses(), Arrays.copyOf(starts, events),
                        Arrays.copyOfRange(starts, 1, events + 1));
                for (EventRef ref : wanted) {
                    result.put(ref.row(), collator.domGrouped(source, new int[] {ref.index()}));
                }
            } else {
                for (EventRef ref : wanted) {
                    EventSlice slice = dataset.events(ref.batchId(), ref.index(), ref.index() + 1,
                            Column.modelInputs(), threads);
                    EventSource source = new EventSource(slice.pulses(), new int[] {slice.start(0)},
                            new int[] {slice.end(0)});
                    result.put(ref.row(), collator.domGrouped(source, new int[] {0}));
                }
            }
        }
        return result;
    }

    private static Case caseOf(String name, List<Integer> rows, Map<Integer, EventRef> refs,
                               Map<Integer, DomBatch> collated) {
        List<EventRef> events = new ArrayList<>();
        List<DomBatch> parts = new ArrayList<>();
        for (int row : rows) {
            events.add(refs.get(row));
            parts.add(collated.get(row));
        }
        return new Case(name, List.copyOf(events), DomBatches.concat(parts));
    }
}
