package io.icebench.icecube.read;

import io.icebench.icecube.PulseBatch;

/**
 * Events {@code [from, to)} of a {@link LoadedBatch}, without copying: event {@code k} of the slice (0-based) is
 * pulses {@code [start(k), end(k))} of {@link #pulses()}. A data loader packs sequences straight from here.
 */
public record EventSlice(LoadedBatch batch, int from, int to) {

    /** The number of events. */
    public int size() {
        return to - from;
    }

    /** The pulse arrays the offsets point into: the whole loaded batch, shared. */
    public PulseBatch pulses() {
        return batch.pulses();
    }

    public long eventId(int k) {
        return batch.eventId(from + check(k));
    }

    public int start(int k) {
        return batch.start(from + check(k));
    }

    public int end(int k) {
        return batch.end(from + check(k));
    }

    public int pulseCount(int k) {
        return batch.pulseCount(from + check(k));
    }

    /** Offset of the slice's first pulse. */
    public int firstPulse() {
        return batch.eventStarts()[from];
    }

    /** Offset just past the slice's last pulse. */
    public int endPulse() {
        return batch.eventStarts()[to];
    }

    /** Pulses in all events of the slice. */
    public int totalPulses() {
        return endPulse() - firstPulse();
    }

    private int check(int k) {
        if (k < 0 || k >= to - from) {
            throw new IndexOutOfBoundsException("event " + k + " of a slice of " + (to - from));
        }
        return k;
    }
}
