package io.icebench.plugins.io;

import io.icebench.icecube.EventMeta;
import io.icebench.icecube.Geometry;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.parquet.ParquetFiles;
import io.icebench.icecube.parquet.WriteOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small dataset in the Kaggle layout, written with the project's own writer, with the truths the tests check
 * against computed here from the arrays written: total pulses, the largest event, DOMs per event.
 *
 * <p>Events have 5..200 pulses drawn from about 40 sensors each, so DOMs get several pulses, and batch 1 holds one
 * event of {@value #BIG_EVENT} pulses: the tail the histogram must show.
 */
final class TinyDataset {

    static final int BIG_EVENT = 6_000;

    final Path folder;
    final long totalPulses;
    final int maxPulsesPerEvent;
    final int maxDomsPerEvent;
    final int events;
    final long[] pulsesPerBatch;

    private TinyDataset(Path folder, long totalPulses, int maxPulsesPerEvent, int maxDomsPerEvent, int events,
                        long[] pulsesPerBatch) {
        this.folder = folder;
        this.totalPulses = totalPulses;
        this.maxPulsesPerEvent = maxPulsesPerEvent;
        this.maxDomsPerEvent = maxDomsPerEvent;
        this.events = events;
        this.pulsesPerBatch = pulsesPerBatch;
    }

    /** Writes {@code eventsPerBatch.length} batch files (ids 1..n) into {@code folder}. */
    static TinyDataset write(Path folder, int... eventsPerBatch) throws IOException {
        Files.createDirectories(folder.resolve("train"));
        Geometry.writeEmbedded(folder.resolve("sensor_geometry.csv"));
        SplittableRandom random = new SplittableRandom(7);
        List<long[]> metaRows = new ArrayList<>();
        long total = 0;
        int maxPulses = 0;
        int maxDoms = 0;
        long[] perBatch = new long[eventsPerBatch.length];
        long eventId = 24;
        for (int b = 0; b < eventsPerBatch.length; b++) {
            int batchId = b + 1;
            int[] counts = new int[eventsPerBatch[b]];
            for (int e = 0; e < counts.length; e++) {
                counts[e] = 5 + random.nextInt(196);
            }
            if (b == 0) {
                counts[counts.length / 2] = BIG_EVENT;
            }
            int size = Arrays.stream(counts).sum();
            short[] sensor = new short[size];
            long[] time = new long[size];
            double[] charge = new double[size];
            boolean[] aux = new boolean[size];
            long[] eventColumn = new long[size];
            int row = 0;
            for (int count : counts) {
                int firstSensor = random.nextInt(Geometry.SENSORS - 40);
                boolean[] seen = new boolean[40];
                int doms = 0;
                long t = 5714 + random.nextInt(6000);
                metaRows.add(new long[] {batchId, eventId, row, row + count - 1L});
                for (int i = 0; i < count; i++, row++) {
                    int local = random.nextInt(40);
                    if (!seen[local]) {
                        seen[local] = true;
                        doms++;
                    }
                    sensor[row] = (short) (firstSensor + local);
                    t += random.nextInt(150);
                    time[row] = t;
                    charge[row] = 0.025 + 0.05 * random.nextInt(60);
                    aux[row] = random.nextDouble() < 0.64;
                    eventColumn[row] = eventId;
                }
                maxDoms = Math.max(maxDoms, doms);
                maxPulses = Math.max(maxPulses, count);
                eventId += 1 + random.nextInt(40);
            }
            ParquetFiles.writeBatch(folder.resolve("train").resolve("batch_" + batchId + ".parquet"),
                    new PulseBatch(size, sensor, time, charge, aux, eventColumn), WriteOptions.kaggle());
            perBatch[b] = size;
            total += size;
        }
        int n = metaRows.size();
        long[][] columns = new long[4][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 4; c++) {
                columns[c][i] = metaRows.get(i)[c];
            }
        }
        double[] azimuth = random.doubles(n, 0, 2 * Math.PI).toArray();
        double[] zenith = random.doubles(n, 0, Math.PI).toArray();
        ParquetFiles.writeMeta(folder.resolve("train_meta.parquet"),
                new EventMeta(columns[0], columns[1], columns[2], columns[3], azimuth, zenith), WriteOptions.kaggle());
        return new TinyDataset(folder, total, maxPulses, maxDoms, n, perBatch);
    }
}
