package io.icebench.plugins.dompacking;

import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.pack.PackingAlgorithm;
import io.icebench.spi.Progress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every selected event alone at the chart length, smallest first: the memory of each strategy and the packing
 * time of each algorithm against the event's size. One pass feeds both the memory and the time chart.
 */
final class PerEventCurves {

    static final double MIB = 1024.0 * 1024.0;

    /** Pulses of each event. */
    final double[] x;
    final double[] paddingMib;
    final double[] packingMib;
    final double[] bucketedMib;
    /** Microseconds to pack each event, per algorithm. */
    final Map<PackingAlgorithm, double[]> timeMicros = new LinkedHashMap<>();

    private PerEventCurves(int n) {
        x = new double[n];
        paddingMib = new double[n];
        packingMib = new double[n];
        bucketedMib = new double[n];
    }

    static PerEventCurves measure(PackingStudy study) throws InterruptedException {
        List<EventSelection.EventRef> perEvent = new ArrayList<>(study.events.refs.values());
        perEvent.sort(Comparator.comparingInt(EventSelection.EventRef::pulses)
                .thenComparingInt(EventSelection.EventRef::row));
        int n = perEvent.size();
        PerEventCurves curves = new PerEventCurves(n);
        for (PackingAlgorithm algorithm : study.algorithms) {
            curves.timeMicros.put(algorithm, new double[n]);
        }
        try (Progress progress = study.context.progress("events timed", (long) n * study.algorithms.size())) {
            for (int i = 0; i < n; i++) {
                DomBatch batch = study.events.batch(perEvent.get(i).row());
                curves.x[i] = batch.pulses();
                curves.paddingMib[i] = MemoryFormulas.paddingBytes(batch.doms(), DomBatches.maxPulsesPerDom(batch))
                        / MIB;
                curves.bucketedMib[i] = MemoryFormulas.bucketedAttentionBytes(batch) / MIB;
                for (PackingAlgorithm algorithm : study.algorithms) {
                    study.checkCancelled();
                    TimedPack run = TimedPack.measure(batch, study.chartLength, algorithm, study.policy,
                            study.repetitions);
                    curves.timeMicros.get(algorithm)[i] = run.medianNsPerPulse() * batch.pulses() / 1000.0;
                    if (algorithm == study.best) {
                        curves.packingMib[i] = MemoryFormulas.fullMaskAttentionBytes(run.packed()) / MIB;
                    }
                    progress.step();
                }
            }
        }
        return curves;
    }
}
