package io.icebench.icecube.collate;

import io.icebench.icecube.Column;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.PulseBatch;

/**
 * The events of one loaded batch file: its pulses and, per event, where they start and end. What collation reads
 * from. Events are numbered 0..{@link #events()}−1 in file order.
 *
 * @param pulses     the batch's pulses; needs {@code sensor_id}, {@code time}, {@code charge} and {@code auxiliary}
 * @param firstPulse index of each event's first pulse in {@code pulses}
 * @param endPulse   index one past each event's last pulse
 */
public record EventSource(PulseBatch pulses, int[] firstPulse, int[] endPulse) {

    public EventSource {
        for (Column column : Column.modelInputs()) {
            if (!pulses.has(column)) {
                throw new IllegalArgumentException("collation needs column '" + column.columnName() + "'");
            }
        }
        if (firstPulse.length != endPulse.length) {
            throw new IllegalArgumentException("firstPulse and endPulse differ in length");
        }
    }

    /** The events of batch {@code batchId} as the meta file describes them. */
    public static EventSource of(PulseBatch pulses, EventMeta meta, long batchId) {
        int[] rows = meta.rowsOfBatch(batchId);
        int n = rows[1] - rows[0];
        int[] first = new int[n];
        int[] end = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = (int) meta.firstPulse()[rows[0] + i];
            end[i] = (int) meta.lastPulse()[rows[0] + i] + 1;
        }
        return new EventSource(pulses, first, end);
    }

    public int events() {
        return firstPulse.length;
    }

    public int pulsesOf(int event) {
        return endPulse[event] - firstPulse[event];
    }
}
