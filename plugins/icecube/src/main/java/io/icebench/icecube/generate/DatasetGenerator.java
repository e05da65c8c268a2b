package io.icebench.icecube.generate;

import io.icebench.icecube.EventMeta;
import io.icebench.icecube.Geometry;
import io.icebench.icecube.Layout;
import io.icebench.icecube.parquet.ParquetFiles;
import io.icebench.icecube.storage.HadoopConf;
import io.icebench.icecube.storage.Locations;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Generates synthetic IceCube data in the Kaggle layout whose distributions follow the real training set
 * (DATA.md): pulses per event with the real quantiles and heavy tail, DOMs that are real sensors and spatially
 * clustered, quantised charges, the auxiliary flag, times and angles. See {@link PulseCounts} and
 * {@link EventSynthesizer} for the model.
 *
 * <p>Deterministic: the same {@link GeneratorSettings} give the same bytes, whatever the number of threads. Each
 * batch depends only on (seed, batch index): its event sizes, ids and angles come from one random stream and the
 * pulses of each chunk of {@value BatchSynthesis#CHUNK_EVENTS} events from another, so batches and chunks can be made in any
 * order. Event ids are strictly increasing over the whole dataset: batch {@code b} starts above
 * {@code b · eventsPerBatch · 4} and ids advance by 1..3 (see {@link BatchSynthesis}).
 */
public final class DatasetGenerator {

    /**
     * Bumped whenever the output for some settings changes, so caches keyed by {@link GeneratorSettings#cacheKey()}
     * miss instead of serving stale data.
     */
    public static final int VERSION = 1;

    /** This machine has two cores; two batches in flight also bound memory to two batches. */
    private static final int THREADS = 2;

    private DatasetGenerator() {
    }

    /**
     * Writes a whole dataset into {@code outDir}: {@code <split>/batch_1.parquet ..}, {@code <split>_meta.parquet}
     * (angles for the train split only) and the real {@code sensor_geometry.csv}. Batches are generated two at a
     * time and each file is written as soon as its batch is made, so at most two batches are in memory; the meta
     * rows (40 bytes an event, about twice that while the meta file is written at the end) are kept.
     *
     * <p>If generation fails, files written so far stay behind: a cache should generate into a fresh folder and
     * move it into place when this returns.
     *
     * @param outDir     an existing, empty folder
     * @param eventsDone receives the cumulative number of events written, after each batch file; called from the
     *                   worker threads, but never concurrently and never with a smaller number than before
     * @throws IllegalArgumentException if {@code outDir} is not an empty folder
     * @throws UncheckedIOException     if a file cannot be written
     * @throws CancellationException    if the calling thread is interrupted (its interrupt flag is set again)
     */
    public static GenerationSummary generate(GeneratorSettings settings, Path outDir, LongConsumer eventsDone) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(eventsDone, "eventsDone (pass n -> { } to ignore progress)");
        requireEmptyFolder(outDir);
        try {
            Files.createDirectories(outDir.resolve(settings.split().folder()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset into '" + outDir + "': " + e.getMessage(), e);
        }
        Out out = new Out() {
            @Override
            public OutputFile file(String relative) {
                return new LocalOutputFile(outDir.resolve(relative));
            }

            @Override
            public void geometry() throws IOException {
                Geometry.writeEmbedded(outDir.resolve(Layout.GEOMETRY_FILE));
            }

            @Override
            public String toString() {
                return outDir.toString();
            }
        };
        return generate(settings, out, eventsDone);
    }

    /**
     * As {@link #generate(GeneratorSettings, Path, LongConsumer)}, into a folder named by a URI: a plain path or a
     * {@code file:} URI is that local folder; any other scheme ({@code hdfs://}, {@code s3a://}) is written through
     * Hadoop's {@code FileSystem} with {@link HadoopConf#configuration()}, the parquet files through
     * parquet-hadoop's {@link HadoopOutputFile}. A remote folder may be absent (it is created) or empty. There is
     * no rename into place on an object store, so a failed generation leaves its files behind there too.
     *
     * @throws IllegalArgumentException if {@code outDir} exists and is not an empty folder
     * @throws UncheckedIOException     if the file system cannot be reached or a file cannot be written; the message
     *                                  names the URI
     */
    public static GenerationSummary generate(GeneratorSettings settings, URI outDir, LongConsumer eventsDone) {
        Objects.requireNonNull(outDir, "outDir");
        if (Locations.isLocal(outDir)) {
            return generate(settings, Locations.localPath(outDir), eventsDone);
        }
        return generate(settings, outDir, HadoopConf.configuration(), eventsDone);
    }

    /** As {@link #generate(GeneratorSettings, URI, LongConsumer)}, with the caller's Hadoop configuration. */
    public static GenerationSummary generate(GeneratorSettings settings, URI outDir, Configuration conf,
                                             LongConsumer eventsDone) {
        return HadoopGeneration.generate(settings, outDir, conf, eventsDone);
    }

    /**
     * Generates a dataset into {@code target} on a Hadoop file system so that it appears whole or not at all, as
     * {@code runner generate-data} does locally: into a hidden {@code .<name>.partial-<random>} folder beside it,
     * renamed into place when complete (an atomic rename on HDFS) and deleted if anything fails.
     *
     * @param target absent, or an empty folder (replaced)
     * @throws IllegalArgumentException if {@code target} is local (the caller renames a local folder itself), or
     *                                  exists and is not an empty folder
     * @throws UncheckedIOException     if the file system cannot be reached or a file cannot be written; the message
     *                                  names the URI, and nothing of the attempt is left behind
     */
    public static GenerationSummary generateInto(GeneratorSettings settings, URI target, Configuration conf,
                                                 LongConsumer eventsDone) {
        return HadoopGeneration.generateInto(settings, target, conf, eventsDone);
    }

    /** Where the files go: a parquet output per file of the layout, and the geometry file. */
    interface Out {
        /** The output for {@code relative} ({@code train/batch_1.parquet}). */
        OutputFile file(String relative) throws IOException;

        void geometry() throws IOException;
    }

    static GenerationSummary generate(GeneratorSettings settings, Out outDir, LongConsumer eventsDone) {
        long started = System.nanoTime();
        int batches = settings.batches();
        BatchTotals[] totals = new BatchTotals[batches];
        Progress progress = new Progress(eventsDone);
        try {
            if (batches == 1) {
                // One batch cannot keep two workers busy on its own: let its chunks run in parallel instead.
                totals[0] = writeBatch(settings, generateBatch(settings, 0, true), outDir);
                progress.add(totals[0].events());
            } else {
                runOnPool(settings, batches, totals, outDir, progress);
            }
            ParquetFiles.writeMeta(outDir.file(settings.split().metaFileName()), meta(settings, totals),
                    settings.writeOptions());
            outDir.geometry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset into '" + outDir + "': "
                    + HadoopGeneration.firstLine(e), e);
        } catch (IllegalArgumentException e) {
            // parquet's HadoopPositionOutputStream.close adds the stream's own failure to itself as suppressed when
            // HDFS throws the same exception again on close (a quota): the IOException is the cause.
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException("cannot write the dataset into '" + outDir + "': "
                        + HadoopGeneration.firstLine(io), io);
            }
            throw e;
        }
        long pulses = 0;
        long extremes = 0;
        for (BatchTotals batch : totals) {
            pulses += batch.pulses();
            extremes += batch.extremeEvents();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new GenerationSummary(settings.events(), pulses, batches, seconds, extremes);
    }

    /**
     * Generates the batch at {@code batchIndex} (0-based; its file is {@code batch_<batchIndex + 1>.parquet})
     * in memory, exactly as {@link #generate} writes it. Uses the common fork-join pool for its chunks.
     *
     * @throws IllegalArgumentException if the dataset has no such batch
     */
    public static GeneratedBatch generateBatch(GeneratorSettings settings, int batchIndex) {
        return generateBatch(settings, batchIndex, true);
    }

    /** With {@code parallel} false, the chunks run one after another on the calling thread. */
    static GeneratedBatch generateBatch(GeneratorSettings settings, int batchIndex, boolean parallel) {
        return BatchSynthesis.generate(settings, batchIndex, parallel);
    }

    private static void runOnPool(GeneratorSettings settings, int batches, BatchTotals[] totals, Out outDir,
                                  Progress progress) throws IOException {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, batches), task -> {
            Thread thread = new Thread(task, "icecube-generator-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(batches);
            for (int b = 0; b < batches; b++) {
                int batchIndex = b;
                futures.add(pool.submit(() -> {
                    BatchTotals batch = writeBatch(settings, generateBatch(settings, batchIndex, false), outDir);
                    totals[batchIndex] = batch;
                    progress.add(batch.events());
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("dataset generation into '" + outDir + "' was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static BatchTotals writeBatch(GeneratorSettings settings, GeneratedBatch batch, Out outDir)
            throws IOException {
        ParquetFiles.writeBatch(outDir.file(settings.split().folder() + "/" + Layout.batchFileName(batch.batchId())),
                batch.pulses(), settings.writeOptions());
        long extremes = 0;
        for (int e = 0; e < batch.events(); e++) {
            if (batch.pulsesOf(e) >= PulseCounts.EXTREME) {
                extremes++;
            }
        }
        return new BatchTotals(batch.eventIds(), batch.firstPulse(), batch.lastPulse(), batch.azimuth(),
                batch.zenith(), batch.pulses().size(), extremes);
    }

    private static EventMeta meta(GeneratorSettings settings, BatchTotals[] totals) {
        int events = Math.toIntExact(settings.events());
        long[] batchId = new long[events];
        long[] eventId = new long[events];
        long[] first = new long[events];
        long[] last = new long[events];
        boolean angles = settings.split().hasAngles();
        double[] azimuth = angles ? new double[events] : null;
        double[] zenith = angles ? new double[events] : null;
        int row = 0;
        for (int b = 0; b < totals.length; b++) {
            BatchTotals batch = totals[b];
            int n = batch.eventIds().length;
            Arrays.fill(batchId, row, row + n, b + 1L);
            System.arraycopy(batch.eventIds(), 0, eventId, row, n);
            System.arraycopy(batch.firstPulse(), 0, first, row, n);
            System.arraycopy(batch.lastPulse(), 0, last, row, n);
            if (angles) {
                System.arraycopy(batch.azimuth(), 0, azimuth, row, n);
                System.arraycopy(batch.zenith(), 0, zenith, row, n);
            }
            row += n;
        }
        return new EventMeta(batchId, eventId, first, last, azimuth, zenith);
    }

    private static void requireEmptyFolder(Path outDir) {
        Objects.requireNonNull(outDir, "outDir");
        if (!Files.isDirectory(outDir)) {
            throw new IllegalArgumentException("outDir '" + outDir + "' must be an existing folder");
        }
        try (Stream<Path> entries = Files.list(outDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("outDir '" + outDir + "' must be empty; generate into a fresh"
                        + " folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list '" + outDir + "': " + e.getMessage(), e);
        }
    }

    /** What stays of a batch after its file is written: its meta rows and counts. */
    private record BatchTotals(long[] eventIds, long[] firstPulse, long[] lastPulse, double[] azimuth,
                               double[] zenith, long pulses, long extremeEvents) {
        int events() {
            return eventIds.length;
        }
    }

    /** Serialises progress reports so the consumer sees one increasing sequence. */
    private static final class Progress {
        private final LongConsumer consumer;
        private long done;

        Progress(LongConsumer consumer) {
            this.consumer = consumer;
        }

        synchronized void add(long events) {
            done += events;
            consumer.accept(done);
        }
    }
}
