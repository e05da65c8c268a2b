package io.icebench.plugins.dompacking;

import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.pack.PackedSequences;
import io.icebench.plugins.support.Charts;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Series;
import io.icebench.spi.Table;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static io.icebench.plugins.dompacking.MemoryFormulas.D_MODEL;
import static io.icebench.plugins.dompacking.MemoryFormulas.HEADS;

/**
 * The memory each strategy needs: packing with full-mask attention (best algorithm), bucketed per-DOM attention
 * and the original per-DOM padding, per case and length, and per event against its size. Measures the per-event
 * curves, which {@link TimeSection} shares.
 */
final class MemorySection implements Section {

    private Table table;
    private Table formulas;
    private List<Series> series;
    private String chart;

    @Override
    public void measure(PackingStudy study) throws Exception {
        table = table(study);
        formulas = MemoryFormulas.table();
        study.out.table(table).table(formulas);
        study.curves = PerEventCurves.measure(study);
        PerEventCurves curves = study.curves;
        chart = "Memory vs event size (L = " + study.chartLength + ", " + study.best.label() + ")";
        String y = "memory (MiB, log scale)";
        String x = "event size (pulses)";
        series = List.of(
                new Series(chart, "per-DOM padding", x, y, curves.x, curves.paddingMib),
                new Series(chart, "packing: full-mask attention", x, y, curves.x, curves.packingMib),
                positive(new Series(chart, "bucketed per-DOM attention", x, y, curves.x,
                        curves.bucketedMib)));
        series.forEach(study.out::series);
    }

    private static Table table(PackingStudy study) {
        Table.Builder memory = Table.builder(DomPackingPlugin.TABLE_MEMORY, "case", "pulses", "DOMs",
                "max pulses per DOM", "max_seq_len", "algorithm", "sequences", "packed size (B)",
                "packing: full-mask attention (B)", "bucketed per-DOM attention (B)", "per-DOM padding (B)",
                "padding / packing")
                .title("Memory by strategy, best algorithm (" + study.best.label() + "); full-mask attention = "
                        + "sequences x " + HEADS + " x L^2 x 4 B; bucketed = sum over DOMs with n > 1 of " + HEADS
                        + " x nextPow2(n)^2 x 4 B; padding = DOMs x " + HEADS + " x M^2 x 4 B + DOMs x M x "
                        + D_MODEL + " x 4 B (M = max pulses per DOM)");
        for (Case c : study.cases) {
            DomBatch batch = c.batch();
            int maxPerDom = DomBatches.maxPulsesPerDom(batch);
            long bucketed = MemoryFormulas.bucketedAttentionBytes(batch);
            long padding = MemoryFormulas.paddingBytes(batch.doms(), maxPerDom);
            for (int length : study.lengths) {
                PackedSequences packed = study.run(c, length, study.best).packed();
                long attention = MemoryFormulas.fullMaskAttentionBytes(packed);
                memory.row(c.name(), batch.pulses(), batch.doms(), maxPerDom, length, study.best.label(),
                        packed.sequences(), MemoryFormulas.packedBytes(packed), attention, bucketed, padding,
                        attention == 0 ? null : (double) padding / attention);
            }
        }
        return memory.build();
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

    @Override
    public void plot(PackingStudy study) throws IOException {
        Charts.lines(chart, series, true, true, study.output(DomPackingPlugin.PNG_MEMORY));
    }

    @Override
    public void report(PackingStudy study, MarkdownReport md) {
        md.heading(2, "Memory")
                .image("memory vs event size", DomPackingPlugin.PNG_MEMORY)
                .paragraph("Per event at L = " + study.chartLength + ". Events whose DOMs all hold a single pulse"
                        + " need no bucketed attention memory and have no point on that (logarithmic) line.")
                .table(table)
                .table(formulas);
    }
}
