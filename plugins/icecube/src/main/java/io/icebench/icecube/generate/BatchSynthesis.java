package io.icebench.icecube.generate;

import io.icebench.icecube.PulseBatch;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One batch of a generated dataset, made in memory from (seed, batch index) alone, so that batches and their
 * chunks can be made in any order and on any number of threads and still give the same bytes.
 *
 * <p>A batch's event sizes, ids and angles come from random stream 0; the pulses of each chunk of
 * {@value #CHUNK_EVENTS} events from stream 1 + chunk, each drawn by an {@link EventSynthesizer}. Event ids are
 * strictly increasing over the whole dataset: batch {@code b} starts above {@code b · eventsPerBatch · ID_STRIDE}
 * and ids advance by 1..{@code ID_STRIDE - 1}.
 */
final class BatchSynthesis {

    /** Events per random stream within a batch: the unit of parallel work, fixed so output never depends on it. */
    static final int CHUNK_EVENTS = 4_096;
    /** Event ids of batch b lie in (b · eventsPerBatch · ID_STRIDE, (b + 1) · eventsPerBatch · ID_STRIDE). */
    static final int ID_STRIDE = 4;
    private static final int MAX_ID_STEP = ID_STRIDE - 1;
    private static final long MAX_PULSES_PER_BATCH = Integer.MAX_VALUE - 16;

    private BatchSynthesis() {
    }

    /**
     * Generates the batch at {@code batchIndex} (0-based) in memory, on the common fork-join pool unless
     * {@code parallel} is false.
     *
     * @throws IllegalArgumentException if the dataset has no such batch
     */
    static GeneratedBatch generate(GeneratorSettings settings, int batchIndex, boolean parallel) {
        settings.checkBatchIndex(batchIndex);
        int events = settings.eventsInBatch(batchIndex);
        boolean[] forced = forcedExtremes(settings, batchIndex, events);

        SplittableRandom header = random(settings.seed(), batchIndex, 0);
        int[] sizes = new int[events];
        long[] eventIds = new long[events];
        double[] azimuth = new double[events];
        double[] zenith = new double[events];
        long[] firstPulse = new long[events];
        long[] lastPulse = new long[events];
        long id = (long) batchIndex * settings.eventsPerBatch() * ID_STRIDE;
        long rows = 0;
        for (int e = 0; e < events; e++) {
            double u = header.nextDouble();
            sizes[e] = forced[e] ? PulseCounts.extreme(u) : PulseCounts.quantile(u);
            id += 1 + header.nextInt(MAX_ID_STEP);
            eventIds[e] = id;
            azimuth[e] = header.nextDouble(0, 2 * Math.PI);
            zenith[e] = Math.acos(header.nextDouble(-1, 1));
            firstPulse[e] = rows;
            rows += sizes[e];
            lastPulse[e] = rows - 1;
        }
        if (rows > MAX_PULSES_PER_BATCH) {
            throw new IllegalStateException("batch " + (batchIndex + 1) + " would hold " + rows
                    + " pulses, more than a Java array can; use fewer events per batch (or fewer forced extremes)");
        }
        int size = (int) rows;
        short[] sensor = new short[size];
        long[] time = new long[size];
        double[] charge = new double[size];
        boolean[] auxiliary = new boolean[size];
        long[] eventIdColumn = new long[size];

        int chunks = (events + CHUNK_EVENTS - 1) / CHUNK_EVENTS;
        IntStream chunkIndices = IntStream.range(0, chunks);
        (parallel ? chunkIndices.parallel() : chunkIndices).forEach(chunk -> {
            EventSynthesizer synthesizer = new EventSynthesizer();
            SplittableRandom random = random(settings.seed(), batchIndex, 1L + chunk);
            int to = Math.min(events, (chunk + 1) * CHUNK_EVENTS);
            for (int e = chunk * CHUNK_EVENTS; e < to; e++) {
                int from = (int) firstPulse[e];
                synthesizer.write(random, sizes[e], azimuth[e], zenith[e], sensor, time, charge, auxiliary, from);
                Arrays.fill(eventIdColumn, from, from + sizes[e], eventIds[e]);
            }
        });
        PulseBatch pulses = new PulseBatch(size, sensor, time, charge, auxiliary, eventIdColumn);
        return new GeneratedBatch(batchIndex, pulses, eventIds, firstPulse, lastPulse, azimuth, zenith);
    }

    /**
     * Marks the events of this batch that are forced into the extreme region. Forced event k (of K) is the
     * dataset's event floor((2k + 1) · events / (2K)): evenly spread, so they land in evenly spaced batches and
     * several share a batch only when K exceeds the batch count.
     */
    private static boolean[] forcedExtremes(GeneratorSettings settings, int batchIndex, int events) {
        boolean[] forced = new boolean[events];
        long count = settings.forcedExtremeEvents();
        if (count == 0) {
            return forced;
        }
        long total = settings.events();
        long first = (long) batchIndex * settings.eventsPerBatch();
        // The smallest k with (2k + 1) · total >= 2 · count · first; products stay below 8e18 for 2e9 events.
        long k = Math.max(0, Math.floorDiv(Math.multiplyExact(2 * count, first) - total + 2 * total - 1,
                2 * total));
        for (; k < count; k++) {
            long position = Math.multiplyExact(2 * k + 1, total) / (2 * count);
            if (position >= first + events) {
                break;
            }
            if (position >= first) {
                forced[(int) (position - first)] = true;
            }
        }
        return forced;
    }

    /** The random stream {@code stream} of a batch: 0 for event sizes, ids and angles, 1 + chunk for pulses. */
    static SplittableRandom random(long seed, int batchIndex, long stream) {
        long h = mix64(seed);
        h = mix64(h + 0x9E3779B97F4A7C15L * (batchIndex + 1L));
        h = mix64(h + 0xC2B2AE3D27D4EB4FL * (stream + 1));
        return new SplittableRandom(h);
    }

    /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
