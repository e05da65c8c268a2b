package io.icebench.icecube.collate;

/**
 * A training batch grouped by DOM, the input of a DOM-level transformer: within each event its pulses are
 * grouped by sensor (time order kept inside a DOM), and every DOM knows its sensor and event.
 *
 * <p>DOM {@code d} owns pulses {@code domOffsets[d] .. domOffsets[d+1]}; event {@code e} owns DOMs
 * {@code eventDomOffsets[e] .. eventDomOffsets[e+1]} and pulses {@code eventOffsets[e] .. eventOffsets[e+1]}.
 *
 * @param eventOffsets    events + 1 pulse offsets
 * @param eventDomOffsets events + 1 DOM offsets
 * @param domOffsets      doms + 1 pulse offsets
 * @param domSensor       sensor id of each DOM
 * @param domEvent        event (index in this batch) of each DOM
 * @param time            ns since the event's first pulse, float32, in grouped order
 * @param charge          float32, in grouped order
 * @param auxiliary       1 or 0, in grouped order
 */
public record DomBatch(int[] eventOffsets, int[] eventDomOffsets, int[] domOffsets, short[] domSensor,
                       int[] domEvent, float[] time, float[] charge, byte[] auxiliary) {

    public int events() {
        return eventOffsets.length - 1;
    }

    public int doms() {
        return domSensor.length;
    }

    public int pulses() {
        return time.length;
    }

    public int pulsesOfDom(int dom) {
        return domOffsets[dom + 1] - domOffsets[dom];
    }
}
