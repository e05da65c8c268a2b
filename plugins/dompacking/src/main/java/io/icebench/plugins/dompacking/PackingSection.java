package io.icebench.plugins.dompacking;

import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.pack.DomPacker;
import io.icebench.icecube.pack.PackedSequences;
import io.icebench.icecube.pack.PackingAlgorithm;
import io.icebench.plugins.support.Charts;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Progress;
import io.icebench.spi.Series;
import io.icebench.spi.Table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.icebench.plugins.dompacking.MemoryFormulas.FEATURES;
import static io.icebench.plugins.dompacking.MemoryFormulas.HEADS;

/**
 * Every case packed at every length with every algorithm: efficiency, split and truncated pulses, time per pulse
 * and allocation. Chooses the study's best algorithm and gives the three metrics.
 */
final class PackingSection implements Section {

    static final String EFFICIENCY_CHART = "Packing efficiency vs max_seq_len";

    private Table table;
    private final List<Series> efficiency = new ArrayList<>();

    @Override
    public void measure(PackingStudy study) throws Exception {
        warmUp(study);
        // a progress unit is one configuration measured
        try (Progress progress = study.context.progress("configurations measured",
                (long) study.cases.size() * study.lengths.size() * study.algorithms.size())) {
            for (Case c : study.cases) {
                for (int length : study.lengths) {
                    for (PackingAlgorithm algorithm : study.algorithms) {
                        study.checkCancelled();
                        study.runs.put(PackingStudy.key(c.name(), length, algorithm),
                                TimedPack.measure(c.batch(), length, algorithm, study.policy, study.repetitions));
                        progress.step();
                    }
                }
            }
        }
        study.best = best(study);
        table = table(study);
        study.out.table(table);
        metrics(study);
        efficiencySeries(study);
    }

    /** JIT warm-up over every configuration, bounded in time. */
    private static void warmUp(PackingStudy study) {
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        for (int round = 0; round < 20 && System.nanoTime() < warmUntil && !study.context.isCancelled(); round++) {
            for (Case c : study.cases) {
                for (int length : study.lengths) {
                    for (PackingAlgorithm algorithm : study.algorithms) {
                        DomPacker.pack(c.batch(), length, algorithm, study.policy);
                    }
                }
            }
        }
    }

    /** Highest total efficiency over the cases at the chart length; among equals, the fastest. */
    private static PackingAlgorithm best(PackingStudy study) {
        PackingAlgorithm best = study.algorithms.get(0);
        double bestTotal = -1;
        double bestTime = Double.MAX_VALUE;
        for (PackingAlgorithm algorithm : study.algorithms) {
            double total = 0;
            double time = 0;
            for (Case c : study.cases) {
                TimedPack run = study.run(c, study.chartLength, algorithm);
                total += run.packed().efficiency();
                time += run.medianNsPerPulse() * c.batch().pulses();
            }
            if (total > bestTotal + 1e-9 || (Math.abs(total - bestTotal) <= 1e-9 && time < bestTime)) {
                bestTotal = total;
                bestTime = time;
                best = algorithm;
            }
        }
        return best;
    }

    private static Table table(PackingStudy study) {
        Table.Builder packing = Table.builder(DomPackingPlugin.TABLE_PACKING, "case", "events", "pulses", "DOMs",
                "max_seq_len", "algorithm", "sequences", "efficiency", "pulses split", "pulses truncated",
                "time (ns/pulse, median)", "pulses/s", "allocated (B)", "packed size (B)", "full-mask attention (B)")
                .title("Packing per case, sequence length and algorithm (oversize " + study.oversize()
                        + "; time: median of " + study.repetitions + " samples after warm-up, one core, a sample"
                        + " covering >= " + TimedPack.PULSES_PER_SAMPLE + " pulses; allocated: one pack;"
                        + " packed size = PackedSequences.bytes() + positions x " + FEATURES + " floats x 4 B;"
                        + " full-mask attention = sequences x " + HEADS + " heads x L^2 x 4 B)");
        for (Case c : study.cases) {
            DomBatch batch = c.batch();
            for (int length : study.lengths) {
                for (PackingAlgorithm algorithm : study.algorithms) {
                    TimedPack run = study.run(c, length, algorithm);
                    PackedSequences packed = run.packed();
                    double ns = run.medianNsPerPulse();
                    packing.row(c.name(), c.events().size(), batch.pulses(), batch.doms(), length,
                            algorithm.label(), packed.sequences(), packed.efficiency(), packed.splitPulses(),
                            packed.truncatedPulses(), ns, ns > 0 ? 1e9 / ns : null, run.allocatedBytes(),
                            MemoryFormulas.packedBytes(packed), MemoryFormulas.fullMaskAttentionBytes(packed));
                }
            }
        }
        return packing.build();
    }

    /** Efficiency: one sample per case, best algorithm; time: each repetition on the largest case. */
    private static void metrics(PackingStudy study) {
        double[] efficiencySamples = new double[study.cases.size()];
        Case largest = study.cases.get(0);
        for (int i = 0; i < study.cases.size(); i++) {
            Case c = study.cases.get(i);
            efficiencySamples[i] = study.run(c, study.chartLength, study.best).packed().efficiency();
            if (c.batch().pulses() > largest.batch().pulses()) {
                largest = c;
            }
        }
        study.timingCase = largest;
        double[] nsSamples = study.run(largest, study.chartLength, study.best).nsPerPulse();
        double[] rateSamples = Arrays.stream(nsSamples).map(ns -> ns > 0 ? 1e9 / ns : 0).toArray();
        study.out.add(DomPackingPlugin.PACKING_EFFICIENCY, efficiencySamples)
                .add(DomPackingPlugin.NS_PER_PULSE, nsSamples)
                .add(DomPackingPlugin.PULSES_PER_SECOND, rateSamples);
    }

    /** The first and the last case, each algorithm: efficiency against the sequence length. */
    private void efficiencySeries(PackingStudy study) {
        double[] lengthX = study.lengths.stream().mapToDouble(Integer::doubleValue).toArray();
        List<Case> cases = study.cases;
        for (Case c : cases) {
            if (c != cases.get(0) && c != cases.get(cases.size() - 1)) {
                continue;
            }
            for (PackingAlgorithm algorithm : study.algorithms) {
                double[] y = new double[study.lengths.size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = study.run(c, study.lengths.get(i), algorithm).packed().efficiency();
                }
                efficiency.add(new Series(EFFICIENCY_CHART, algorithm.label() + " (" + c.name() + ")",
                        "max_seq_len (positions)", "packing efficiency (valid / total)", lengthX, y));
            }
        }
        efficiency.forEach(study.out::series);
    }

    @Override
    public void plot(PackingStudy study) throws IOException {
        Charts.lines(EFFICIENCY_CHART, efficiency, false, false, study.output(DomPackingPlugin.PNG_EFFICIENCY));
    }

    @Override
    public void report(PackingStudy study, MarkdownReport md) {
        md.heading(2, "Packing").image("efficiency vs max_seq_len", DomPackingPlugin.PNG_EFFICIENCY).table(table);
    }
}
