package io.icebench.icecube.read;

import io.icebench.icecube.EventMeta;
import io.icebench.icecube.Layout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a meta file ({@code train_meta.parquet} or {@code test_meta.parquet}) into an {@link EventMeta}. The angle
 * columns are read when the file has them (the test split has none); one without the other is an error.
 */
public final class MetaReader {

    private static final String NEEDED = "the columns batch_id, event_id, first_pulse_index, last_pulse_index "
            + "(int64) and, for the train split, azimuth and zenith (float64)";

    private MetaReader() {
    }

    /** Reads on up to two threads: the whole real meta file is 132 million rows. */
    public static EventMeta read(Path file) {
        return read(file, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    public static EventMeta read(Path file, int threads) {
        return read(DataFile.local(file), threads);
    }

    static EventMeta read(DataFile file, int threads) {
        try (ColumnarFile parquet = ColumnarFile.open(file, "meta file")) {
            return read(file, parquet, threads);
        }
    }

    private static EventMeta read(DataFile file, ColumnarFile parquet, int threads) {
        boolean azimuth = parquet.has(Layout.META_AZIMUTH);
        boolean zenith = parquet.has(Layout.META_ZENITH);
        if (azimuth != zenith) {
            throw file.error("meta file has '" + (azimuth ? Layout.META_AZIMUTH
                    : Layout.META_ZENITH) + "' but not '" + (azimuth ? Layout.META_ZENITH : Layout.META_AZIMUTH)
                    + "'; columns found: " + parquet.columnNames() + "; write both angles (train) or neither "
                    + "(test)");
        }
        int size = (int) parquet.rows();
        List<ColumnarFile.Request> requests = new ArrayList<>();
        Target batch = add(parquet, requests, Layout.META_BATCH_ID, Target.Kind.LONG, size);
        Target event = add(parquet, requests, Layout.META_EVENT_ID, Target.Kind.LONG, size);
        Target first = add(parquet, requests, Layout.META_FIRST_PULSE, Target.Kind.LONG, size);
        Target last = add(parquet, requests, Layout.META_LAST_PULSE, Target.Kind.LONG, size);
        Target az = azimuth ? add(parquet, requests, Layout.META_AZIMUTH, Target.Kind.DOUBLE, size) : null;
        Target zen = zenith ? add(parquet, requests, Layout.META_ZENITH, Target.Kind.DOUBLE, size) : null;
        parquet.read(requests, threads, 0, parquet.rowGroups());
        long[] batches = batch.longs;
        for (int i = 1; i < size; i++) {
            if (batches[i] < batches[i - 1]) {
                throw file.error("meta rows are not sorted by batch_id (row " + i + " has batch "
                        + batches[i] + " after batch " + batches[i - 1] + "); sort the meta file by batch_id, "
                        + "then event_id");
            }
        }
        return new EventMeta(batches, event.longs, first.longs, last.longs, az == null ? null : az.doubles,
                zen == null ? null : zen.doubles);
    }

    private static Target add(ColumnarFile parquet, List<ColumnarFile.Request> requests, String name,
                              Target.Kind kind, int size) {
        var descriptor = parquet.column(name, kind, NEEDED);
        Target target = Target.allocate(name, kind, size);
        requests.add(new ColumnarFile.Request(descriptor, target));
        return target;
    }
}
