package io.icebench.plugins.dompacking;

import io.icebench.plugins.support.MarkdownReport;
import io.icebench.icecube.pack.OversizePolicy;
import io.icebench.icecube.pack.PackingAlgorithm;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.ParameterSpec;
import io.icebench.spi.Parameters;
import io.icebench.spi.PluginContext;
import io.icebench.spi.PluginKind;
import io.icebench.spi.Unit;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Exploratory: how the DOMs of extreme events pack into fixed-length sequences for full-mask attention, per packing
 * algorithm and sequence length, against the original pipeline's per-DOM padding and against bucketed per-DOM
 * attention. Scans the meta file for the events with the most pulses, collates them (and a random baseline) by
 * DOM, and packs each case with every algorithm: efficiency, split and truncated pulses, time per pulse, bytes
 * allocated, and the memory each strategy needs by formula. Writes PNG plots and {@code dom-packing-report.md}.
 */
public final class DomPackingPlugin implements BenchmarkPlugin {

    public static final String ID = "dom-packing";

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

    static OversizePolicy oversize(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "split" -> OversizePolicy.SPLIT;
            case "truncate" -> OversizePolicy.TRUNCATE;
            default -> throw new IllegalArgumentException("oversize is '" + text + "'; use split or truncate");
        };
    }

    @Override
    public Measurements run(PluginContext context) throws Exception {
        validate(context.parameters());
        PackingStudy study = new PackingStudy(context);
        List<Section> sections = List.of(new ExtremeEventsSection(), new PackingSection(), new MemorySection(),
                new TimeSection(), new JmhSection());
        for (Section section : sections) {
            section.measure(study);
        }
        Measurements measurements = study.build();
        for (Section section : sections) {
            section.plot(study);
        }
        MarkdownReport report = new MarkdownReport()
                .heading(1, "DOM packing")
                .paragraph("Dataset `" + study.datasetDir + "`, " + study.events.scanned + " events scanned; oversize"
                        + " DOMs " + study.oversize() + "; best algorithm at L = " + study.chartLength + ": "
                        + study.best.label() + ". Times are medians of " + study.repetitions + " in-process samples"
                        + " (System.nanoTime; a sample packs a small case repeatedly to cover at least "
                        + TimedPack.PULSES_PER_SAMPLE + " pulses) after warm-up, on one core.");
        sections.forEach(section -> section.report(study, report));
        Path file = context.outputDirectory().resolve(REPORT);
        report.write(file);
        context.logger().log(System.Logger.Level.INFO, "dom-packing: " + study.cases.size() + " cases, best "
                + study.best.label() + ", report " + REPORT); // the runner logs where it ends up
        return measurements;
    }
}
