package io.icebench.icecube.collate;

/**
 * A training batch in the continuous layout: the pulses of all its events one after the other, as model
 * features, and where each event starts. Event {@code e} owns pulses {@code eventOffsets[e] .. eventOffsets[e+1]}.
 *
 * @param eventOffsets events + 1 offsets into the pulse arrays
 * @param sensorId     sensor of each pulse
 * @param time         ns since the event's first pulse, as float32 (the model's input type)
 * @param charge       charge, float32
 * @param auxiliary    1 for auxiliary pulses, else 0
 */
public record ContinuousBatch(int[] eventOffsets, short[] sensorId, float[] time, float[] charge, byte[] auxiliary) {

    public int events() {
        return eventOffsets.length - 1;
    }

    public int pulses() {
        return eventOffsets[eventOffsets.length - 1];
    }
}
