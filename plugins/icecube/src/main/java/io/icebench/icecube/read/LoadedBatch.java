package io.icebench.icecube.read;

import io.icebench.icecube.PulseBatch;

/**
 * The pulses of a batch (or of the row groups holding some of its events) with the event boundaries from the meta
 * file, checked against each other. Events are addressed by their index in this object, {@code 0..eventCount()-1};
 * {@link #firstEvent()} says which event of the batch index 0 is.
 *
 * <p>Nothing is copied per event: {@link #start}/{@link #end} are offsets into the arrays of {@link #pulses()}, and
 * {@link #events(int, int)} returns a view. The arrays are shared; callers must not modify them.
 */
public final class LoadedBatch {

    private final int batchId;
    private final PulseBatch pulses;
    private final long firstPulse;
    private final int firstEvent;
    private final long[] eventIds;
    private final int[] starts;

    /**
     * @param firstPulse the batch row of {@code pulses} index 0
     * @param firstEvent the index in the batch of event 0 here
     * @param eventIds   one per event
     * @param starts     {@code eventIds.length + 1} offsets into {@code pulses}: event {@code i} is
     *                   {@code [starts[i], starts[i+1])}
     */
    LoadedBatch(int batchId, PulseBatch pulses, long firstPulse, int firstEvent, long[] eventIds, int[] starts) {
        if (starts.length != eventIds.length + 1) {
            throw new IllegalArgumentException("starts must have one more entry than events");
        }
        this.batchId = batchId;
        this.pulses = pulses;
        this.firstPulse = firstPulse;
        this.firstEvent = firstEvent;
        this.eventIds = eventIds;
        this.starts = starts;
    }

    public int batchId() {
        return batchId;
    }

    public PulseBatch pulses() {
        return pulses;
    }

    /** The batch row (pulse index of the meta file) of {@code pulses()} index 0. */
    public long firstPulse() {
        return firstPulse;
    }

    /** The index in the batch of event 0 here: 0 for a whole batch. */
    public int firstEvent() {
        return firstEvent;
    }

    /** The number of events. */
    public int eventCount() {
        return eventIds.length;
    }

    public long eventId(int event) {
        return eventIds[event];
    }

    /** Offset in {@link #pulses()} of the event's first pulse. */
    public int start(int event) {
        return starts[event];
    }

    /** Offset in {@link #pulses()} just past the event's last pulse. */
    public int end(int event) {
        return starts[event + 1];
    }

    public int pulseCount(int event) {
        return starts[event + 1] - starts[event];
    }

    /** The event start offsets, {@code eventCount() + 1} of them; shared, do not modify. */
    public int[] eventStarts() {
        return starts;
    }

    /** The event ids, one per event; shared, do not modify. */
    public long[] eventIds() {
        return eventIds;
    }

    /** Events {@code [from, to)} of this object, as a view. */
    public EventSlice events(int from, int to) {
        if (from < 0 || to > eventIds.length || from > to) {
            throw new IndexOutOfBoundsException("events [" + from + ", " + to + ") of " + eventIds.length);
        }
        return new EventSlice(this, from, to);
    }

    /** All events. */
    public EventSlice all() {
        return new EventSlice(this, 0, eventIds.length);
    }
}
