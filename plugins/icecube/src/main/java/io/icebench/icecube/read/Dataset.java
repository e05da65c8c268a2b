package io.icebench.icecube.read;

import io.icebench.icecube.Column;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.Geometry;
import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.Layout;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.Split;

import io.icebench.icecube.storage.HadoopConf;
import io.icebench.icecube.storage.Locations;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A dataset folder in the Kaggle layout:
 * <pre>
 *   train/batch_1.parquet ... train/batch_N.parquet   (or test/)
 *   train_meta.parquet                                (or test_meta.parquet)
 *   sensor_geometry.csv
 * </pre>
 * {@link #open} checks the folder's shape (not the batch files' contents, which are read on demand). The
 * geometry file is required, not replaced by {@link Geometry#embedded()}: a dataset whose geometry is silently
 * swapped would measure a different detector. {@code Geometry.writeEmbedded(dir.resolve("sensor_geometry.csv"))}
 * puts the real one in place.
 *
 * <p>Nothing here holds a file open, so there is nothing to close. The meta file is read once, on first use.
 * Reading batches keeps no batch: streaming over all of them holds at most the one being read and the one the
 * consumer has.
 */
public final class Dataset {

    /** Null for a dataset on a Hadoop file system. */
    private final Path directory;
    private final URI location;
    private final Split split;
    /** Batch id to file, sorted by id. */
    private final TreeMap<Integer, DataFile> batches;
    private final DataFile metaFile;
    private final Geometry geometry;
    /** Null for a local dataset. */
    private final ReadCounters counters;
    private volatile EventMeta meta;

    Dataset(Path directory, URI location, Split split, TreeMap<Integer, DataFile> batches, DataFile metaFile,
                    Geometry geometry, ReadCounters counters) {
        this.counters = counters;
        this.directory = directory;
        this.location = location;
        this.split = split;
        this.batches = batches;
        this.metaFile = metaFile;
        this.geometry = geometry;
    }

    /**
     * Opens a dataset folder named by a URI holding exactly one split. A plain path (no scheme) or a {@code file:}
     * URI is the local folder, read through memory mappings exactly as {@link #open(Path)}; any other scheme
     * ({@code hdfs://}, {@code s3a://}) goes through Hadoop's {@link FileSystem}, configured by
     * {@link HadoopConf#configuration()}, and each file is read with positioned reads, one per column chunk.
     */
    public static Dataset open(URI location) {
        return open(location, null, null);
    }

    /** As {@link #open(URI)}, for the given split. */
    public static Dataset open(URI location, Split split) {
        return open(location, Objects.requireNonNull(split, "split"), null);
    }

    /**
     * As {@link #open(URI, Split)}, with a Hadoop configuration of the caller's for a remote location.
     *
     * @param split null: the one split the folder holds
     * @param conf  null: {@link HadoopConf#configuration()}
     */
    public static Dataset open(URI location, Split split, Configuration conf) {
        Objects.requireNonNull(location, "location");
        if (isLocal(location)) {
            Path directory = localPath(location);
            return split == null ? open(directory) : open(directory, split);
        }
        return openWithHadoop(location, split, conf == null ? HadoopConf.configuration() : conf);
    }

    /** Whether {@code location} is a local folder: no scheme (a plain path, or a drive letter) or {@code file:}. */
    public static boolean isLocal(URI location) {
        return Locations.isLocal(location);
    }

    private static Path localPath(URI location) {
        return Locations.localPath(location);
    }

    /**
     * Opens {@code location} through Hadoop's {@link FileSystem} whatever its scheme: how remote datasets are
     * read, and how a test reads a {@code file:} folder through Hadoop's LocalFileSystem to compare with the
     * mapped read. See {@link HadoopLayout}.
     */
    static Dataset openWithHadoop(URI location, Split split, Configuration conf) {
        return HadoopLayout.open(location, split, conf);
    }

    /** Opens a folder holding exactly one split ({@code train/} or {@code test/}); see {@link LocalLayout}. */
    public static Dataset open(Path directory) {
        return LocalLayout.open(directory);
    }

    /** Opens the given split of a local folder; see {@link LocalLayout}. */
    public static Dataset open(Path directory, Split split) {
        return LocalLayout.open(directory, split);
    }

    /**
     * The local folder.
     *
     * @throws UnsupportedOperationException for a dataset on a Hadoop file system; use {@link #location()}
     */
    public Path directory() {
        if (directory == null) {
            throw new UnsupportedOperationException("the dataset '" + location + "' is not a local folder; use "
                    + "Dataset.location()");
        }
        return directory;
    }

    /** Where the dataset is: a {@code file:} URI for a local folder, else its qualified Hadoop URI. */
    public URI location() {
        return location;
    }

    /**
     * The bytes the positioned reads of this dataset's batch and meta files have fetched from the file system so
     * far (the geometry file and listings not counted): for a remote dataset, what crossed the network, to set
     * against the bytes a projection needs. Always 0 for a local dataset, whose mapped reads are not counted.
     */
    public long bytesFetched() {
        return counters == null ? 0 : counters.bytes.get();
    }

    /** The positioned reads behind {@link #bytesFetched()}: one per column chunk, plus a few per file's footer. */
    public long readsIssued() {
        return counters == null ? 0 : counters.reads.get();
    }

    /**
     * From now on, keeps each positioned read of this remote dataset as a {@link Fetch} for {@link #fetches(int)}
     * (off by default: a loader reading epoch after epoch should not collect them). Nothing for a local dataset.
     */
    public void logFetches() {
        if (counters != null) {
            counters.logFetches();
        }
    }

    /**
     * The positioned reads of this remote dataset's batch and meta files from the {@code from}-th on, each with its
     * file, offset, size and time (0: from the first); the first {@value ReadCounters#MAX_LOGGED} are kept. Take
     * {@link #fetchesLogged()} before a read and pass it here after, to see that read's column chunks. Empty for a
     * local dataset.
     */
    public List<Fetch> fetches(int from) {
        return counters == null ? List.of() : counters.since(from);
    }

    /** How many fetches {@link #fetches(int)} holds so far. */
    public int fetchesLogged() {
        return counters == null ? 0 : counters.logged();
    }

    /** Whether the files are local (memory-mapped), not on a Hadoop file system. */
    public boolean isLocal() {
        return directory != null;
    }

    public Split split() {
        return split;
    }

    /** The batch ids present, sorted numerically. */
    public List<Integer> batchIds() {
        return Collections.unmodifiableList(new ArrayList<>(batches.keySet()));
    }

    /**
     * A batch's local file.
     *
     * @throws UnsupportedOperationException for a dataset on a Hadoop file system; use {@link #batchLocation}
     */
    public Path batchFile(int batchId) {
        return dataFile(batchId).path();
    }

    /** A batch file's URI, local or remote. */
    public URI batchLocation(int batchId) {
        return dataFile(batchId).uri();
    }

    private DataFile dataFile(int batchId) {
        DataFile file = batches.get(batchId);
        if (file == null) {
            String problem = "batch " + batchId + " is not in the dataset; batches present: " + describeIds();
            if (directory != null) {
                throw new IcecubeDataException(Layout.batchFile(directory, split, batchId), problem);
            }
            URI missing = HadoopLayout.child(HadoopLayout.child(location, split.folder()),
                    Layout.batchFileName(batchId));
            throw new IcecubeDataException(missing, problem);
        }
        return file;
    }

    /**
     * The local meta file.
     *
     * @throws UnsupportedOperationException for a dataset on a Hadoop file system; use {@link #metaLocation}
     */
    public Path metaFile() {
        return metaFile.path();
    }

    public URI metaLocation() {
        return metaFile.uri();
    }

    /**
     * The meta file, read on first use and kept: every batch needs its event boundaries.
     *
     * @throws IcecubeDataException if it cannot be read, or holds no events at all
     */
    public EventMeta meta() {
        EventMeta result = meta;
        if (result == null) {
            synchronized (this) {
                result = meta;
                if (result == null) {
                    result = MetaReader.read(metaFile, Math.min(2, Runtime.getRuntime().availableProcessors()));
                    if (result.size() == 0) {
                        // Nothing to measure: skipping would leave every benchmark without a sample to judge.
                        throw metaFile.error("meta file has no events (0 rows), so the dataset"
                                + " has nothing to measure; write the meta file again with the batches' events, or"
                                + " regenerate the dataset");
                    }
                    meta = result;
                }
            }
        }
        return result;
    }

    public Geometry geometry() {
        return geometry;
    }

    /**
     * The number of pulses of a batch, from the meta file alone (its last event's last pulse, counted within the
     * batch); -1 for a batch without events, whose file alone can tell.
     */
    public long pulseCount(int batchId) {
        int[] rows = meta().rowsOfBatch(batchId);
        return rows[0] == rows[1] ? -1 : meta().lastPulse()[rows[1] - 1] + 1;
    }

    /** The number of events of a batch, from the meta file alone (no batch file is decoded). */
    public int eventCount(int batchId) {
        int[] rows = meta().rowsOfBatch(batchId);
        return rows[1] - rows[0];
    }

    /** Reads a batch's pulses, checked against the meta file's event boundaries. */
    public PulseBatch readBatch(int batchId, Set<Column> columns, int threads) {
        return load(batchId, columns, threads).pulses();
    }

    /**
     * As {@link #readBatch(int, Set, int)}, calling {@code afterWork} on the thread that did each unit of the decode,
     * right after it, with its elapsed nanoseconds (see {@link BatchReader#read(Path, Set, int, LongConsumer)}; the
     * check against the meta file is one more unit, on the calling thread). For a benchmark whose injected slowdown
     * must land on every decoding thread; thread-safe when {@code threads > 1}.
     */
    public PulseBatch readBatch(int batchId, Set<Column> columns, int threads, LongConsumer afterWork) {
        return readBatch(batchId, columns, threads, Objects.requireNonNull(afterWork, "afterWork"), null);
    }

    /**
     * As {@link #readBatch(int, Set, int, LongConsumer)} ({@code afterWork} may be null), decoding into the arrays of
     * {@code reuse} (may be null) where one holds the same column and is exactly as long: the same batch read again.
     * A loader that decodes the same files every epoch so allocates their arrays once. Nothing may read
     * {@code reuse} any more.
     */
    public PulseBatch readBatch(int batchId, Set<Column> columns, int threads, LongConsumer afterWork,
                                PulseBatch reuse) {
        return load(batchId, columns, threads, afterWork, reuse).pulses();
    }

    /** Reads a batch with its events: the pulses plus the event offsets into them. */
    public LoadedBatch load(int batchId, Set<Column> columns, int threads) {
        return load(batchId, columns, threads, null, null);
    }

    /** {@code afterWork} null: nothing reported. */
    private LoadedBatch load(int batchId, Set<Column> columns, int threads, LongConsumer afterWork,
                             PulseBatch reuse) {
        DataFile file = dataFile(batchId);
        BatchBounds bounds = bounds(batchId, file);
        int[] rows = bounds.rows();
        PulseBatch pulses = BatchReader.read(file, columns, threads, afterWork, reuse);
        long checkStart = afterWork == null ? 0 : System.nanoTime();
        int[] starts = bounds.starts(rows[0], rows[1], 0, pulses.size(), true);
        LoadedBatch loaded = new LoadedBatch(batchId, pulses, 0, 0, bounds.eventIds(rows[0], rows[1]), starts);
        if (afterWork != null) {
            afterWork.accept(System.nanoTime() - checkStart);
        }
        return loaded;
    }

    /** Events {@code [fromEvent, toEvent)} of a batch (indices within the batch), model columns on one thread. */
    public EventSlice events(int batchId, int fromEvent, int toEvent) {
        return events(batchId, fromEvent, toEvent, Column.modelInputs(), 1);
    }

    /**
     * Events {@code [fromEvent, toEvent)} of a batch (indices within the batch, in meta order). Only the row groups
     * holding those events are read and decoded, so a few events of a batch cost a few row groups, not the batch.
     */
    public EventSlice events(int batchId, int fromEvent, int toEvent, Set<Column> columns, int threads) {
        DataFile file = dataFile(batchId);
        BatchBounds bounds = bounds(batchId, file);
        int[] rows = bounds.rows();
        int count = rows[1] - rows[0];
        if (fromEvent < 0 || toEvent > count || fromEvent >= toEvent) {
            throw new IndexOutOfBoundsException("events [" + fromEvent + ", " + toEvent + ") of batch " + batchId
                    + ", which has " + count);
        }
        EventMeta meta = meta();
        int first = rows[0] + fromEvent;
        int last = rows[0] + toEvent;
        long fromRow = meta.firstPulse()[first];
        long toRow = meta.lastPulse()[last - 1] + 1;
        long pulsesInFile = BatchReader.rowCount(file);
        if (fromRow < 0 || toRow > pulsesInFile || toRow <= fromRow) {
            throw bounds.mismatch("events " + fromEvent + ".." + (toEvent - 1) + " span pulses [" + fromRow
                    + ", " + toRow + ") but the batch file holds " + pulsesInFile + " pulses");
        }
        BatchReader.Rows read = BatchReader.readCovering(file, columns, fromRow, toRow, threads);
        int[] starts = bounds.starts(first, last, read.firstRow(), read.pulses().size(), false);
        LoadedBatch loaded = new LoadedBatch(batchId, read.pulses(), read.firstRow(), fromEvent,
                bounds.eventIds(first, last), starts);
        return loaded.all();
    }

    /** Streams every batch in id order; see {@link #forEachBatch}. */
    public Iterator<LoadedBatch> iterator(Set<Column> columns, int threads) {
        Iterator<Integer> ids = batches.keySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public LoadedBatch next() {
                if (!ids.hasNext()) {
                    throw new NoSuchElementException();
                }
                return load(ids.next(), columns, threads);
            }
        };
    }

    /**
     * Reads every batch in id order and hands it to {@code consumer}. A batch is read only when the previous one
     * was consumed and no reference to it is kept here, so memory stays at one batch plus whatever the consumer
     * retains.
     */
    public void forEachBatch(Set<Column> columns, int threads, Consumer<LoadedBatch> consumer) {
        Iterator<LoadedBatch> iterator = iterator(columns, threads);
        while (iterator.hasNext()) {
            consumer.accept(iterator.next());
        }
    }

    /** Batch {@code batchId}'s events, to check against {@code file}; reads the meta file on first use. */
    private BatchBounds bounds(int batchId, DataFile file) {
        return new BatchBounds(meta(), metaFile, batchId, file);
    }

    private String describeIds() {
        if (batches.size() <= 10) {
            return batches.keySet().toString();
        }
        return batches.firstKey() + ".." + batches.lastKey() + " (" + batches.size() + " files)";
    }
}
