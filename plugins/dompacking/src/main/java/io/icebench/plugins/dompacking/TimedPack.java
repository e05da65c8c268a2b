package io.icebench.plugins.dompacking;

import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.pack.DomPacker;
import io.icebench.icecube.pack.OversizePolicy;
import io.icebench.icecube.pack.PackedSequences;
import io.icebench.icecube.pack.PackingAlgorithm;
import io.icebench.spi.Timer;

import java.util.Arrays;

/** One configuration's result: the packing, its time per pulse in each sample, and one pack's allocation. */
record TimedPack(PackedSequences packed, double[] nsPerPulse, long allocatedBytes) {

    /** Warm-up packs per measured configuration, before the timed repetitions. */
    static final int WARM_UP = 3;
    /** Pulses one timing sample covers at least (small batches are packed several times per sample). */
    static final int PULSES_PER_SAMPLE = 50_000;

    double medianNsPerPulse() {
        return median(nsPerPulse);
    }

    /**
     * Packs once for the result (and its allocation), then times {@code repetitions} samples after warm-up. A sample
     * covers enough packs of the batch for about {@link #PULSES_PER_SAMPLE} pulses, so a small case is not timed
     * from a single pack of a few microseconds.
     */
    static TimedPack measure(DomBatch batch, int maxSeqLen, PackingAlgorithm algorithm, OversizePolicy policy,
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
        double[] ns = Arrays.stream(samples.samples(Timer.Figure.WALL_TIME))
                .map(millis -> millis * 1e6 / ((long) pulses * packsPerSample)).toArray();
        long allocated = (long) once.samples(Timer.Figure.ALLOCATED)[0];
        return new TimedPack(packed, ns, allocated);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
