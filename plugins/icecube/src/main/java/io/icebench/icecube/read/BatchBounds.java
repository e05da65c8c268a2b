package io.icebench.icecube.read;

import io.icebench.icecube.EventMeta;
import io.icebench.icecube.IcecubeDataException;

import java.util.Arrays;

/**
 * One batch's events as the meta file bounds them, checked against the pulses its batch file holds.
 *
 * <p>The meta file and the batch files are written together and read apart, so a copy that mixes two datasets
 * would otherwise hand a model events cut in the wrong places. Every read of events checks the rows it uses and
 * names both files in its one-line message, with the fix: regenerate or copy them together.
 */
final class BatchBounds {

    private final EventMeta meta;
    private final DataFile metaFile;
    private final int batchId;
    private final DataFile file;

    /** Batch {@code batchId}, whose pulses are in {@code file}, as {@code meta} (read from {@code metaFile}) has it. */
    BatchBounds(EventMeta meta, DataFile metaFile, int batchId, DataFile file) {
        this.meta = meta;
        this.metaFile = metaFile;
        this.batchId = batchId;
        this.file = file;
    }

    /** The batch's meta rows {@code [first, last)}; throws when the meta file has none for it. */
    int[] rows() {
        int[] rows = meta.rowsOfBatch(batchId);
        if (rows[0] == rows[1]) {
            throw file.error("meta indices do not match batch " + batchId + ": "
                    + metaFile.name() + " has no events for batch " + batchId + "; the meta file belongs "
                    + "to another dataset, regenerate both together");
        }
        return rows;
    }

    /**
     * Checks meta rows {@code [first, last)} against pulses {@code [base, base + size)} of the batch and returns
     * the event start offsets relative to {@code base}. With {@code whole}, the events must tile the batch exactly:
     * start at pulse 0, be contiguous, and end at its last row.
     */
    int[] starts(int first, int last, long base, int size, boolean whole) {
        long[] firstPulse = meta.firstPulse();
        long[] lastPulse = meta.lastPulse();
        long[] eventId = meta.eventId();
        int[] starts = new int[last - first + 1];
        if (whole && firstPulse[first] != 0) {
            throw mismatch("its first event " + eventId[first] + " starts at pulse "
                    + firstPulse[first] + ", not 0");
        }
        for (int row = first; row < last; row++) {
            long start = firstPulse[row];
            long end = lastPulse[row] + 1;
            if (end <= start) {
                throw mismatch("event " + eventId[row] + " has first_pulse_index " + start
                        + " after last_pulse_index " + lastPulse[row]);
            }
            if (row > first && start != lastPulse[row - 1] + 1) {
                throw mismatch("event " + eventId[row] + " starts at pulse " + start
                        + " but the previous event " + eventId[row - 1] + " ends at " + lastPulse[row - 1]
                        + "; events must be contiguous");
            }
            if (start < base || end > base + size) {
                throw mismatch("event " + eventId[row] + " spans pulses [" + start + ", " + end
                        + ") but the batch file holds " + (whole ? size : "rows [" + base + ", " + (base + size)
                        + ")") + " pulses");
            }
            starts[row - first] = (int) (start - base);
        }
        long end = lastPulse[last - 1] + 1;
        starts[last - first] = (int) (end - base);
        if (whole && end != size) {
            throw mismatch("the batch file holds " + size + " pulses but its last event "
                    + eventId[last - 1] + " ends at pulse " + lastPulse[last - 1] + " (so the meta file expects "
                    + end + ")");
        }
        return starts;
    }

    /** The error for a meta file and a batch file that disagree: {@code detail} says how. */
    IcecubeDataException mismatch(String detail) {
        return file.error("meta indices do not match batch " + batchId + ": " + detail
                + "; " + metaFile.name() + " and the batch files must come from the same dataset, "
                + "regenerate or copy them together");
    }

    /** The event ids of meta rows {@code [first, last)}. */
    long[] eventIds(int first, int last) {
        return Arrays.copyOfRange(meta.eventId(), first, last);
    }
}
