package io.icebench.plugins.dompacking;

import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.pack.PackedSequences;
import io.icebench.spi.Table;

/**
 * The memory each strategy needs, by formula, for the DOM-level transformer the study assumes ({@link #HEADS}
 * heads, width {@link #D_MODEL}, 4-byte floats); {@link #table()} says the formulas in the report.
 */
final class MemoryFormulas {

    /** Attention heads and model width of the DOM-level transformer the memory formulas assume. */
    static final int HEADS = 8;
    static final int D_MODEL = 128;
    /** Float features per packed position (time, charge, auxiliary, x, y, z, DOM-relative index). */
    static final int FEATURES = 7;

    private MemoryFormulas() {
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

    static Table table() {
        return Table.builder(DomPackingPlugin.TABLE_FORMULAS, "quantity", "formula")
                .title("How the memory columns are computed (4-byte floats)")
                .row("packed size", "PackedSequences.bytes() + sequences x L x " + FEATURES + " features x 4 B")
                .row("packing: full-mask attention", "sequences x " + HEADS + " heads x L^2 x 4 B")
                .row("bucketed per-DOM attention", "sum over DOMs with n > 1 pulses of " + HEADS
                        + " heads x b(n)^2 x 4 B, b(n) = next power of two >= n; one-pulse DOMs need none")
                .row("per-DOM padding (original)", "DOMs x " + HEADS + " heads x M^2 x 4 B + DOMs x M x d_model "
                        + D_MODEL + " x 4 B, M = max pulses per DOM in the case")
                .build();
    }
}
