package io.icebench.plugins.dompacking;

import io.icebench.icecube.collate.DomBatch;

import java.util.List;

/** Small helpers on {@link DomBatch}es: joining events collated separately, and per-DOM statistics. */
final class DomBatches {

    private DomBatches() {
    }

    /** The events of {@code parts}, in order, as one batch (offsets shifted, arrays concatenated). */
    static DomBatch concat(List<DomBatch> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int events = 0;
        int doms = 0;
        int pulses = 0;
        for (DomBatch part : parts) {
            events += part.events();
            doms += part.doms();
            pulses += part.pulses();
        }
        int[] eventOffsets = new int[events + 1];
        int[] eventDomOffsets = new int[events + 1];
        int[] domOffsets = new int[doms + 1];
        short[] domSensor = new short[doms];
        int[] domEvent = new int[doms];
        float[] time = new float[pulses];
        float[] charge = new float[pulses];
        byte[] aux = new byte[pulses];
        int e0 = 0;
        int d0 = 0;
        int p0 = 0;
        for (DomBatch part : parts) {
            for (int e = 0; e < part.events(); e++) {
                eventOffsets[e0 + e] = p0 + part.eventOffsets()[e];
                eventDomOffsets[e0 + e] = d0 + part.eventDomOffsets()[e];
            }
            for (int d = 0; d < part.doms(); d++) {
                domOffsets[d0 + d] = p0 + part.domOffsets()[d];
                domEvent[d0 + d] = e0 + part.domEvent()[d];
            }
            System.arraycopy(part.domSensor(), 0, domSensor, d0, part.doms());
            System.arraycopy(part.time(), 0, time, p0, part.pulses());
            System.arraycopy(part.charge(), 0, charge, p0, part.pulses());
            System.arraycopy(part.auxiliary(), 0, aux, p0, part.pulses());
            e0 += part.events();
            d0 += part.doms();
            p0 += part.pulses();
        }
        eventOffsets[events] = pulses;
        eventDomOffsets[events] = doms;
        domOffsets[doms] = pulses;
        return new DomBatch(eventOffsets, eventDomOffsets, domOffsets, domSensor, domEvent, time, charge, aux);
    }

    static int maxPulsesPerDom(DomBatch batch) {
        int max = 0;
        for (int d = 0; d < batch.doms(); d++) {
            max = Math.max(max, batch.pulsesOfDom(d));
        }
        return max;
    }

    /** Smallest power of two at or above {@code n} (n ≥ 1). */
    static long nextPowerOfTwo(int n) {
        return n <= 1 ? 1 : Long.highestOneBit(n - 1L) << 1;
    }
}
