package io.icebench.plugins.dataloader;

import io.icebench.icecube.Column;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.collate.EventSource;
import io.icebench.icecube.load.BatchSources;
import io.icebench.icecube.read.Dataset;

import java.util.EnumSet;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A dataset's batch files as the loader's sources: file {@code i} is the {@code i}-th batch file, decoded with the
 * model's columns on {@code readThreads} threads and cut into events by the meta file.
 */
final class DatasetSources implements BatchSources {

    private final Dataset dataset;
    private final EventMeta meta;
    private final List<Integer> batchIds;
    private final int readThreads;
    private final EnumSet<Column> columns = Column.modelInputs();

    DatasetSources(Dataset dataset, int readThreads) {
        this.dataset = dataset;
        this.meta = dataset.meta();
        this.batchIds = dataset.batchIds();
        this.readThreads = readThreads;
    }

    List<Integer> batchIds() {
        return batchIds;
    }

    /** Events over every file, as the meta file counts them. */
    long events() {
        long events = 0;
        for (int file = 0; file < files(); file++) {
            events += eventsOf(file);
        }
        return events;
    }

    @Override
    public int files() {
        return batchIds.size();
    }

    @Override
    public int eventsOf(int file) {
        int[] rows = meta.rowsOfBatch(batchIds.get(file));
        return rows[1] - rows[0];
    }

    @Override
    public EventSource load(int file) {
        int batchId = batchIds.get(file);
        return EventSource.of(dataset.readBatch(batchId, columns, readThreads), meta, batchId);
    }

    /** Reports each column chunk on the thread that decoded it: the read-ahead thread and its helpers. */
    @Override
    public EventSource load(int file, LongConsumer afterWork) {
        int batchId = batchIds.get(file);
        PulseBatch pulses = dataset.readBatch(batchId, columns, readThreads, afterWork);
        long start = System.nanoTime();
        EventSource source = EventSource.of(pulses, meta, batchId);
        afterWork.accept(System.nanoTime() - start);
        return source;
    }
}
