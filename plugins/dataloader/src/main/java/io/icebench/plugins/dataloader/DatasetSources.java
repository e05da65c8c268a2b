package io.icebench.plugins.dataloader;

import io.icebench.icecube.Column;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.collate.EventSource;
import io.icebench.icecube.load.BatchSources;
import io.icebench.icecube.read.Dataset;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A dataset's batch files as the loader's sources: file {@code i} is the {@code i}-th batch file, decoded with the
 * model's columns on {@code readThreads} threads and cut into events by the meta file.
 *
 * <p>The loader decodes every file again each epoch. A file it has released keeps its arrays here, up to
 * {@value #SPARE_BYTES} bytes over all files, and its next decode writes into them: each epoch then allocates (and
 * the JVM zeroes, and the collector reclaims) only what did not fit.
 */
final class DatasetSources implements BatchSources {

    private final Dataset dataset;
    private final EventMeta meta;
    private final List<Integer> batchIds;
    private final int readThreads;
    private final EnumSet<Column> columns = Column.modelInputs();
    static final long SPARE_BYTES = 256L << 20;
    /** Released files' arrays by file; guarded by this (a release or a take per file and epoch: no contention). */
    private final Map<Integer, PulseBatch> spare = new HashMap<>();
    private final long spareBudget;

    DatasetSources(Dataset dataset, int readThreads) {
        this(dataset, readThreads, SPARE_BYTES);
    }

    /** With {@code spareBudget} bytes for released files' arrays instead of {@value #SPARE_BYTES}; for tests. */
    DatasetSources(Dataset dataset, int readThreads, long spareBudget) {
        this.spareBudget = spareBudget;
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
        return dataset.eventCount(batchIds.get(file));
    }

    @Override
    public EventSource load(int file) {
        int batchId = batchIds.get(file);
        return EventSource.of(dataset.readBatch(batchId, columns, readThreads, null, take(file)), meta, batchId);
    }

    /** Reports each column chunk on the thread that decoded it: the read-ahead thread and its helpers. */
    @Override
    public EventSource load(int file, LongConsumer afterWork) {
        int batchId = batchIds.get(file);
        PulseBatch pulses = dataset.readBatch(batchId, columns, readThreads, afterWork, take(file));
        long start = System.nanoTime();
        EventSource source = EventSource.of(pulses, meta, batchId);
        afterWork.accept(System.nanoTime() - start);
        return source;
    }

    @Override
    public synchronized void release(int file, EventSource source) {
        PulseBatch pulses = source.pulses();
        if (!spare.containsKey(file) && spareBytes() + pulses.bytes() <= spareBudget) {
            spare.put(file, pulses);
        }
    }

    /** The arrays kept for {@code file}, taken (nobody else gets them), or null. */
    private synchronized PulseBatch take(int file) {
        return spare.remove(file);
    }

    /** Bytes of decoded arrays kept for later decodes. */
    synchronized long spareBytes() {
        return spare.values().stream().mapToLong(PulseBatch::bytes).sum();
    }
}
