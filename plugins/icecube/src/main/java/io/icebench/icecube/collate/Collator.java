package io.icebench.icecube.collate;

import io.icebench.icecube.Geometry;

/**
 * The pipeline's batching on primitive arrays: continuous batching (flattened pulses + per-event offsets) and DOM
 * grouping (pulses grouped by (event, DOM)). One collator per thread: it keeps a scratch table of 5,160 sensors
 * so grouping an event costs O(pulses), with no sorting and no allocation besides the output.
 */
public final class Collator {

    /** Local DOM id of each sensor in the event being grouped, -1 when the sensor has no pulse in it. */
    private final int[] localDom = new int[Geometry.SENSORS];
    private int[] domCount = new int[256];
    private short[] domSensorScratch = new short[256];
    /**
     * The batch's DOM table as it is built, reused from batch to batch (the DOM count is known only once the batch
     * is grouped): the batch gets exact-size copies, and nothing of the batch's size is allocated and zeroed twice.
     */
    private int[] domOffsetsScratch = new int[1025];
    private short[] domSensorTable = new short[1024];
    private int[] domEventTable = new int[1024];

    public Collator() {
        java.util.Arrays.fill(localDom, -1);
    }

    /** Collates {@code events} (indices into the source) in the given order, continuous layout. */
    public ContinuousBatch continuous(EventSource source, int[] events) {
        int total = totalPulses(source, events);
        int[] offsets = new int[events.length + 1];
        short[] sensor = new short[total];
        float[] time = new float[total];
        float[] charge = new float[total];
        byte[] aux = new byte[total];
        short[] srcSensor = source.pulses().sensorId();
        long[] srcTime = source.pulses().time();
        double[] srcCharge = source.pulses().charge();
        boolean[] srcAux = source.pulses().auxiliary();
        int out = 0;
        for (int i = 0; i < events.length; i++) {
            int event = events[i];
            int from = source.firstPulse()[event];
            int to = source.endPulse()[event];
            long t0 = srcTime[from];
            offsets[i] = out;
            System.arraycopy(srcSensor, from, sensor, out, to - from);
            for (int p = from; p < to; p++, out++) {
                time[out] = (float) (srcTime[p] - t0);
                charge[out] = (float) srcCharge[p];
                aux[out] = srcAux[p] ? (byte) 1 : 0;
            }
        }
        offsets[events.length] = out;
        return new ContinuousBatch(offsets, sensor, time, charge, aux);
    }

    /** Collates {@code events} (indices into the source) in the given order, grouped by DOM within each event. */
    public DomBatch domGrouped(EventSource source, int[] events) {
        int total = totalPulses(source, events);
        short[] srcSensor = source.pulses().sensorId();
        long[] srcTime = source.pulses().time();
        double[] srcCharge = source.pulses().charge();
        boolean[] srcAux = source.pulses().auxiliary();

        int[] eventOffsets = new int[events.length + 1];
        int[] eventDomOffsets = new int[events.length + 1];
        float[] time = new float[total];
        float[] charge = new float[total];
        byte[] aux = new byte[total];

        int pulseOut = 0;
        int domOut = 0;
        for (int i = 0; i < events.length; i++) {
            int from = source.firstPulse()[events[i]];
            int to = source.endPulse()[events[i]];
            eventOffsets[i] = pulseOut;
            eventDomOffsets[i] = domOut;
            int doms = countDoms(srcSensor, from, to);
            emitDoms(doms, domOut, pulseOut, i);
            // Pass 2: scatter; pulses are in time order, so each DOM's pulses stay in time order.
            long t0 = srcTime[from];
            for (int p = from; p < to; p++) {
                int at = domCount[localDom[srcSensor[p]]]++;
                time[at] = (float) (srcTime[p] - t0);
                charge[at] = (float) srcCharge[p];
                aux[at] = srcAux[p] ? (byte) 1 : 0;
            }
            for (int d = 0; d < doms; d++) {
                localDom[domSensorScratch[d]] = -1;
            }
            pulseOut += to - from;
            domOut += doms;
        }
        eventOffsets[events.length] = pulseOut;
        eventDomOffsets[events.length] = domOut;
        domOffsetsScratch[domOut] = pulseOut;
        return new DomBatch(eventOffsets, eventDomOffsets, java.util.Arrays.copyOf(domOffsetsScratch, domOut + 1),
                java.util.Arrays.copyOf(domSensorTable, domOut), java.util.Arrays.copyOf(domEventTable, domOut),
                time, charge, aux);
    }

    /**
     * Pass 1 over one event's pulses {@code [from, to)}: local DOM ids in order of first pulse (in the sensor table),
     * each DOM's sensor and pulse count; returns the event's DOM count.
     */
    private int countDoms(short[] sensor, int from, int to) {
        int doms = 0;
        for (int p = from; p < to; p++) {
            int s = sensor[p];
            int local = localDom[s];
            if (local < 0) {
                if (doms == domCount.length) {
                    domCount = java.util.Arrays.copyOf(domCount, doms * 2);
                    domSensorScratch = java.util.Arrays.copyOf(domSensorScratch, doms * 2);
                }
                local = doms++;
                localDom[s] = local;
                domCount[local] = 0;
                domSensorScratch[local] = (short) s;
            }
            domCount[local]++;
        }
        return doms;
    }

    /**
     * Appends the event's {@code doms} DOMs to the batch's DOM table at {@code domOut} (growing it like an
     * ArrayList's; it is kept for the next batch), their pulses from {@code pulseOut} on, and turns each DOM's count
     * into its next write position for pass 2.
     */
    private void emitDoms(int doms, int domOut, int pulseOut, int event) {
        if (domOut + doms > domSensorTable.length) {
            int size = Math.max(domSensorTable.length * 2, domOut + doms);
            domSensorTable = java.util.Arrays.copyOf(domSensorTable, size);
            domEventTable = java.util.Arrays.copyOf(domEventTable, size);
            domOffsetsScratch = java.util.Arrays.copyOf(domOffsetsScratch, size + 1);
        }
        int position = pulseOut;
        for (int d = 0; d < doms; d++) {
            int count = domCount[d];
            domCount[d] = position;
            domOffsetsScratch[domOut + d] = position;
            domSensorTable[domOut + d] = domSensorScratch[d];
            domEventTable[domOut + d] = event;
            position += count;
        }
    }

    private static int totalPulses(EventSource source, int[] events) {
        long total = 0;
        for (int event : events) {
            if (event < 0 || event >= source.events()) {
                throw new IndexOutOfBoundsException("event " + event + " of a source with " + source.events());
            }
            total += source.pulsesOf(event);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a batch of " + total + " pulses does not fit in one array");
        }
        return (int) total;
    }
}
