package io.icebench.icecube.load;

import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.collate.EventSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataLoaderTest {

    /** File f holds events of 1..(f+3) pulses whose charge encodes (file, event) so deliveries can be traced. */
    private static class Files implements BatchSources {
        final int[] events;
        final AtomicInteger loads = new AtomicInteger();
        final int failing;

        Files(int failing, int... events) {
            this.events = events;
            this.failing = failing;
        }

        @Override
        public int files() {
            return events.length;
        }

        @Override
        public int eventsOf(int file) {
            return events[file];
        }

        @Override
        public EventSource load(int file) throws java.io.IOException {
            loads.incrementAndGet();
            if (file == failing) {
                throw new java.io.IOException("batch_" + file + ".parquet is truncated");
            }
            int n = events[file];
            int[] first = new int[n];
            int[] end = new int[n];
            int total = 0;
            for (int e = 0; e < n; e++) {
                first[e] = total;
                total += 1 + e % 4;
                end[e] = total;
            }
            short[] sensor = new short[total];
            long[] time = new long[total];
            double[] charge = new double[total];
            boolean[] aux = new boolean[total];
            for (int e = 0; e < n; e++) {
                for (int p = first[e]; p < end[e]; p++) {
                    sensor[p] = (short) (p - first[e]);
                    time[p] = p;
                    charge[p] = file * 100_000 + e;
                }
            }
            return new EventSource(new PulseBatch(total, sensor, time, charge, aux, null), first, end);
        }
    }

    private static List<TrainingBatch> drain(DataLoader loader) throws InterruptedException {
        List<TrainingBatch> batches = new ArrayList<>();
        TrainingBatch batch;
        while ((batch = loader.next()) != null) {
            batches.add(batch);
        }
        return batches;
    }

    private static List<Integer> deliveredEvents(List<TrainingBatch> batches) {
        List<Integer> events = new ArrayList<>();
        for (TrainingBatch batch : batches) {
            var grouped = batch.grouped();
            var continuous = batch.continuous();
            int[] offsets = grouped != null ? grouped.eventOffsets() : continuous.eventOffsets();
            float[] charge = grouped != null ? grouped.charge() : continuous.charge();
            for (int e = 0; e + 1 < offsets.length; e++) {
                events.add((int) charge[offsets[e]]);
            }
        }
        return events;
    }

    @Test
    void everyEventIsDeliveredExactlyOnceAndEachFileDecodedOnce() throws InterruptedException {
        Files files = new Files(-1, 100, 37, 64);
        LoaderOptions options = new LoaderOptions(8, 4, 2, LoaderOptions.Collation.DOM_GROUPED, true, 7, 0);

        List<TrainingBatch> batches;
        try (DataLoader loader = new DataLoader(files, options)) {
            batches = drain(loader);
        }

        List<Integer> events = deliveredEvents(batches);
        assertThat(events).hasSize(201).doesNotHaveDuplicates();
        assertThat(batches).allSatisfy(b -> assertThat(b.events()).isBetween(1, 8));
        assertThat(batches).hasSize(13 + 5 + 8);
        assertThat(files.loads).hasValue(3);
    }

    @Test
    void eachFileIsReleasedToItsSourcesOnceWithTheSourceItDecodedAndOnlyAfterItsLastBatch() throws Exception {
        List<Integer> released = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<EventSource> decoded = new java.util.concurrent.CopyOnWriteArrayList<>();
        Files files = new Files(-1, 100, 37, 64) {
            @Override
            public EventSource load(int file) throws java.io.IOException {
                EventSource source = super.load(file);
                decoded.add(source);
                return source;
            }

            @Override
            public void release(int file, EventSource source) {
                assertThat(decoded).anySatisfy(d -> assertThat(d).isSameAs(source));
                released.add(file);
                // as a reuse would: a batch of this file collated after its release would deliver these values
                java.util.Arrays.fill(source.pulses().charge(), -1);
            }
        };
        LoaderOptions options = new LoaderOptions(8, 4, 2, LoaderOptions.Collation.DOM_GROUPED, true, 7, 0);

        List<TrainingBatch> batches;
        try (DataLoader loader = new DataLoader(files, options)) {
            batches = drain(loader);
        }

        assertThat(released).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(deliveredEvents(batches)).hasSize(201).doesNotHaveDuplicates().doesNotContain(-1);
    }

    @Test
    void theWorkHookHearsOfEachDecodedFileAndEachCollatedBatchOnTheThreadThatDidIt() throws InterruptedException {
        Files files = new Files(-1, 100, 37, 64);
        LoaderOptions options = new LoaderOptions(8, 4, 2, LoaderOptions.Collation.DOM_GROUPED, true, 7, 0);
        record Call(String thread, long nanos) {
        }
        List<Call> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

        List<TrainingBatch> batches;
        try (DataLoader loader = new DataLoader(files, options,
                nanos -> calls.add(new Call(Thread.currentThread().getName(), nanos)))) {
            batches = drain(loader);
        }

        // The hook runs where the work ran, so an injected slowdown slows the decode and the collation, not the
        // consumer (this thread): once per file on the read-ahead thread, once per batch on a worker.
        assertThat(batches).hasSize(26);
        assertThat(calls).hasSize(26 + 3).allSatisfy(c -> assertThat(c.nanos()).isPositive());
        assertThat(calls).filteredOn(c -> c.thread().equals("icebench-loader-readahead")).hasSize(3);
        assertThat(calls).filteredOn(c -> c.thread().startsWith("icebench-loader-worker-")).hasSize(26);
    }

    @Test
    void aSourceThatReportsItsOwnDecodeUnitsIsNotReportedAgainByTheLoader() throws InterruptedException {
        Files files = new Files(-1, 20, 20) {
            @Override
            public EventSource load(int file, java.util.function.LongConsumer afterWork) throws java.io.IOException {
                afterWork.accept(1); // say: a footer, then two column chunks
                afterWork.accept(2);
                afterWork.accept(3);
                return load(file);
            }
        };
        LoaderOptions options = new LoaderOptions(10, 2, 2, LoaderOptions.Collation.CONTINUOUS, false, 0, 0);
        List<Long> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

        try (DataLoader loader = new DataLoader(files, options, calls::add)) {
            assertThat(drain(loader)).hasSize(4);
        }

        assertThat(calls).hasSize(4 + 2 * 3);
        assertThat(calls).filteredOn(nanos -> nanos <= 3).containsExactlyInAnyOrder(1L, 2L, 3L, 1L, 2L, 3L);
    }

    @Test
    void withoutShuffleFilesComeInOrderAndBatchesNeverMixFiles() throws InterruptedException {
        Files files = new Files(-1, 10, 10);
        LoaderOptions options = new LoaderOptions(4, 1, 1, LoaderOptions.Collation.CONTINUOUS, false, 0, 0);

        List<TrainingBatch> batches;
        try (DataLoader loader = new DataLoader(files, options)) {
            batches = drain(loader);
        }

        assertThat(deliveredEvents(batches)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                100_000, 100_001, 100_002, 100_003, 100_004, 100_005, 100_006, 100_007, 100_008, 100_009);
        assertThat(batches).extracting(TrainingBatch::file).containsExactly(0, 0, 0, 1, 1, 1);
    }

    @Test
    void maxEventsStopsTheEpochEarly() throws InterruptedException {
        Files files = new Files(-1, 50, 50, 50);
        LoaderOptions options = new LoaderOptions(16, 2, 4, LoaderOptions.Collation.CONTINUOUS, true, 1, 70);

        try (DataLoader loader = new DataLoader(files, options)) {
            assertThat(loader.plannedEvents()).isEqualTo(70);
            assertThat(deliveredEvents(drain(loader))).hasSize(70);
        }
    }

    @Test
    void aFileThatCannotBeReadFailsTheConsumerWithItsReason() {
        Files files = new Files(1, 20, 20, 20);
        LoaderOptions options = new LoaderOptions(4, 2, 2, LoaderOptions.Collation.DOM_GROUPED, false, 0, 0);

        try (DataLoader loader = new DataLoader(files, options)) {
            assertThatThrownBy(() -> drain(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("batch_1.parquet is truncated");
        }
    }

    @Test
    void optionsRejectABatchSizeOfZeroAndTooFewWorkers() {
        assertThatThrownBy(() -> new LoaderOptions(0, 4, 8, LoaderOptions.Collation.DOM_GROUPED, true, 0, 0))
                .hasMessage("batch size must be at least 1, was 0");
        assertThatThrownBy(() -> new LoaderOptions(32, 0, 8, LoaderOptions.Collation.DOM_GROUPED, true, 0, 0))
                .hasMessage("workers must be at least 1, was 0");
    }
}
