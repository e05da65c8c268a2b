package io.icebench.icecube.generate;

import io.icebench.icecube.Column;
import io.icebench.icecube.Split;
import io.icebench.icecube.parquet.WriteOptions;

import java.util.Locale;
import java.util.Objects;

/**
 * What {@link DatasetGenerator} makes. The same settings always give the same bytes (for one
 * {@link DatasetGenerator#VERSION}), so {@link #cacheKey()} can name a cached dataset.
 *
 * @param events              events in the whole dataset, 1..{@value #MAX_EVENTS}
 * @param eventsPerBatch      events per batch file, 1..{@value #MAX_EVENTS_PER_BATCH} (the real files hold 200,000);
 *                            the last batch holds the remainder
 * @param seed                any value; every batch is derived from (seed, batch index) alone
 * @param split               train (meta with angles) or test (meta without)
 * @param forcedExtremeEvents events whose pulse count is drawn from the extreme region (50,000..180,000 pulses)
 *                            on top of the natural rate, spread evenly over the dataset; 0..events
 * @param writeOptions        how the batch and meta files are written
 */
public record GeneratorSettings(long events, int eventsPerBatch, long seed, Split split, int forcedExtremeEvents,
                                WriteOptions writeOptions) {

    /** Well past the real training set (131,953,924 events); keeps batch counts and event ids far from overflow. */
    public static final long MAX_EVENTS = 2_000_000_000L;
    /** Five times the real batch size: about 164 million pulses and 4.4 GB of arrays per batch in memory. */
    public static final int MAX_EVENTS_PER_BATCH = 1_000_000;

    public GeneratorSettings {
        if (events < 1 || events > MAX_EVENTS) {
            throw new IllegalArgumentException("events must be in 1.." + MAX_EVENTS + ", was " + events);
        }
        if (eventsPerBatch < 1 || eventsPerBatch > MAX_EVENTS_PER_BATCH) {
            throw new IllegalArgumentException("eventsPerBatch must be in 1.." + MAX_EVENTS_PER_BATCH + ", was "
                    + eventsPerBatch);
        }
        if (forcedExtremeEvents < 0 || forcedExtremeEvents > events) {
            throw new IllegalArgumentException("forcedExtremeEvents must be in 0.." + events
                    + " (at most one per event), was " + forcedExtremeEvents);
        }
        Objects.requireNonNull(split, "split must be TRAIN or TEST, was null");
        Objects.requireNonNull(writeOptions, "writeOptions must be given, was null (WriteOptions.kaggle() mimics"
                + " the real files)");
    }

    /** Train split, no forced extreme events, files written like the real ones. */
    public static GeneratorSettings of(long events, int eventsPerBatch, long seed) {
        return new GeneratorSettings(events, eventsPerBatch, seed, Split.TRAIN, 0, WriteOptions.kaggle());
    }

    public GeneratorSettings withSplit(Split value) {
        return new GeneratorSettings(events, eventsPerBatch, seed, value, forcedExtremeEvents, writeOptions);
    }

    public GeneratorSettings withForcedExtremeEvents(int value) {
        return new GeneratorSettings(events, eventsPerBatch, seed, split, value, writeOptions);
    }

    public GeneratorSettings withWriteOptions(WriteOptions value) {
        return new GeneratorSettings(events, eventsPerBatch, seed, split, forcedExtremeEvents, value);
    }

    /** Batch files in the dataset: events / eventsPerBatch, rounded up. */
    public int batches() {
        return (int) ((events + eventsPerBatch - 1) / eventsPerBatch);
    }

    /** Events in the batch at {@code batchIndex} (0-based): eventsPerBatch, or the remainder for the last one. */
    public int eventsInBatch(int batchIndex) {
        checkBatchIndex(batchIndex);
        return (int) Math.min(eventsPerBatch, events - (long) batchIndex * eventsPerBatch);
    }

    void checkBatchIndex(int batchIndex) {
        if (batchIndex < 0 || batchIndex >= batches()) {
            throw new IllegalArgumentException("batchIndex must be in 0.." + (batches() - 1) + " for " + events
                    + " events of " + eventsPerBatch + " per batch, was " + batchIndex);
        }
    }

    /**
     * Every setting and the generator version as one folder-safe word, e.g.
     * {@code v1-train-e20000-b10000-s42-x3-snappy}. Write options that differ from {@link WriteOptions#kaggle()}
     * add a suffix each ({@code -nodict}, {@code -rg1000}, {@code -cols-tcsae}, {@code -req}, {@code -i32},
     * {@code -pv2}), so two settings share a key only if they produce the same files.
     */
    public String cacheKey() {
        StringBuilder key = new StringBuilder()
                .append('v').append(DatasetGenerator.VERSION)
                .append('-').append(split.folder())
                .append("-e").append(events)
                .append("-b").append(eventsPerBatch)
                .append("-s").append(seed)
                .append("-x").append(forcedExtremeEvents)
                .append('-').append(writeOptions.codec().name().toLowerCase(Locale.ROOT));
        WriteOptions kaggle = WriteOptions.kaggle();
        if (writeOptions.dictionary() != kaggle.dictionary()) {
            key.append(writeOptions.dictionary() ? "-dict" : "-nodict");
        }
        if (writeOptions.rowGroupRows() != kaggle.rowGroupRows()) {
            key.append("-rg").append(writeOptions.rowGroupRows());
        }
        if (!writeOptions.columnOrder().equals(kaggle.columnOrder())) {
            key.append("-cols-");
            for (Column column : writeOptions.columnOrder()) {
                key.append(column.columnName().charAt(0));
            }
        }
        if (writeOptions.optional() != kaggle.optional()) {
            key.append(writeOptions.optional() ? "-opt" : "-req");
        }
        if (writeOptions.sensorIdInt16() != kaggle.sensorIdInt16()) {
            key.append(writeOptions.sensorIdInt16() ? "-i16" : "-i32");
        }
        if (writeOptions.pageV2() != kaggle.pageV2()) {
            key.append(writeOptions.pageV2() ? "-pv2" : "-pv1");
        }
        return key.toString();
    }
}
