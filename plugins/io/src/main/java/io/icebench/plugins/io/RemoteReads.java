package io.icebench.plugins.io;

import io.icebench.icecube.Column;
import io.icebench.icecube.DefaultDataset;
import io.icebench.icecube.read.Dataset;
import io.icebench.icecube.read.Fetch;
import io.icebench.icecube.storage.HadoopConf;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Measurements;
import io.icebench.spi.Metric;
import io.icebench.spi.PluginContext;
import io.icebench.spi.Progress;
import io.icebench.spi.Table;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.icebench.plugins.io.Repetitions.median;
import static io.icebench.plugins.io.Repetitions.rates;

/**
 * The io study of a dataset on a Hadoop file system ({@code hdfs://}, {@code s3a://}): for each measured batch file,
 * our reader's throughput beside a raw {@link FileSystem} read of the same file, the bytes its positioned reads
 * fetched against the bytes the projection needs (the projected columns' chunks, from the footer), and each column
 * chunk's fetch as the network served it. Cold reads, DuckDB and the memory steps of the local study do not apply:
 * the page cache that matters is the datanodes', which this process cannot evict, and DuckDB cannot read HDFS.
 */
final class RemoteReads {

    static final String CHUNKS_TABLE = "remote_chunks";
    static final String READS_TABLE = "remote_reads";
    private static final Set<Column> MODEL = Column.modelInputs();
    private static final Set<Column> ALL = EnumSet.allOf(Column.class);
    private static final int RAW_BUFFER = 8 << 20;
    private static final double MIB = 1024.0 * 1024.0;

    /** One column chunk, from the footer. */
    private record Chunk(Column column, long start, long bytes) {
        boolean holds(long offset) {
            return offset >= start && offset < start + bytes;
        }
    }

    /** One projection's reads of one file: times, and what its last repetition fetched. */
    private record ProjectionReads(double[] seconds, long fetched, long reads, long needed, List<Fetch> fetches) {
    }

    private final PluginContext context;
    private final URI location;
    private final int maxFiles;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final Repetitions timer;
    private final Map<Metric, List<Double>> samples = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Table.Builder readsTable;
    private final Map<Column, List<double[]>> chunkFetches = new EnumMap<>(Column.class);
    private Dataset dataset;

    RemoteReads(PluginContext context, URI location) {
        this.context = context;
        this.location = location;
        this.maxFiles = context.parameters().getInt(IoPlugin.MAX_FILES);
        this.timer = new Repetitions(context.parameters().getInt(IoPlugin.REPETITIONS));
        this.readsTable = Table.builder(READS_TABLE, "batch", "projection", "file (MiB)", "pulses", "reader (s)",
                "reader (pulses/s)", "fetched (MiB)", "needed (MiB)", "fetched / needed", "positioned reads",
                "reader (MiB/s fetched)", "raw read (MiB/s)", "reader / raw read");
    }

    Measurements run() throws Exception {
        Configuration conf = HadoopConf.configuration();
        dataset = Dataset.open(location, null, conf);
        dataset.logFetches();
        FileSystem fs = FileSystem.get(dataset.location(), conf);
        List<Integer> ids = dataset.batchIds().subList(0, Math.min(maxFiles, dataset.batchIds().size()));
        properties.put("dataset", DefaultDataset.shown(location));
        properties.put("dataset_files", dataset.batchIds().size());
        properties.put("files_measured", ids.size());
        properties.put("available_processors", cores);
        properties.put("repetitions", timer.count());
        properties.put("not_measured_remotely", "cold reads, DuckDB, thread sweep, sequential memory");
        try (Progress progress = context.progress("timed reads", (long) ids.size() * 3 * timer.count())) {
            timer.reportTo(progress);
            for (int id : ids) {
                if (context.isCancelled()) {
                    properties.put("cancelled", true);
                    break;
                }
                measure(fs, conf, id);
            }
        } finally {
            timer.reportTo(Progress.NONE);
        }
        properties.put("bytes_fetched_total", dataset.bytesFetched());
        properties.put("positioned_reads_total", dataset.readsIssued());
        properties.put("checksum", Long.toHexString(timer.sink()));
        Table chunks = chunkTable();
        Table reads = readsTable.title("Our reader on " + DefaultDataset.shown(location) + " (" + cores
                + " threads) beside a raw FileSystem read of the same file; medians of " + timer.count()
                + " repetitions after one warm-up").build();
        report(reads, chunks);
        Measurements.Builder out = Measurements.builder();
        samples.forEach((metric, values) -> out.add(metric, values.stream().mapToDouble(Double::doubleValue)
                .toArray()));
        properties.forEach(out::property);
        return out.table(reads).table(chunks).build();
    }

    private void measure(FileSystem fs, Configuration conf, int id) throws Exception {
        URI uri = dataset.batchLocation(id);
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        long length = fs.getFileStatus(path).getLen();
        List<Chunk> chunks = footer(conf, path);
        long fromMeta = dataset.pulseCount(id);
        // a batch without events: only its file can say; the read is not timed
        long pulses = fromMeta >= 0 ? fromMeta : dataset.readBatch(id, EnumSet.of(Column.EVENT_ID), 1).size();
        double[] raw = timer.warm(() -> rawRead(fs, path, length));
        ProjectionReads model = reads(id, MODEL, chunks, pulses);
        ProjectionReads all = reads(id, ALL, chunks, pulses);

        double rawRate = median(rates(length, raw));
        add(IoMetrics.REMOTE_READ_PULSES, rates(pulses, model.seconds()));
        add(IoMetrics.REMOTE_RAW_BYTES, rates(length, raw));
        add(IoMetrics.REMOTE_READER_TO_RAW, median(rates(length, all.seconds())) / rawRate);
        add(IoMetrics.REMOTE_FETCHED_OVER_NEEDED, (double) model.fetched() / model.needed());
        for (Fetch fetch : all.fetches()) {
            for (Chunk chunk : chunks) {
                if (chunk.holds(fetch.offset())) {
                    chunkFetches.computeIfAbsent(chunk.column(), c -> new ArrayList<>())
                            .add(new double[] {fetch.bytes(), fetch.nanos()});
                    add(IoMetrics.REMOTE_CHUNK_BYTES, fetch.bytes() / (fetch.nanos() / 1e9));
                }
            }
        }
        row(id, "the model's four", length, pulses, model, rawRate);
        row(id, "all five columns", length, pulses, all, rawRate);
    }

    /**
     * Times our reader on one projection. The bytes and reads are its last repetition's; the fetches are every timed
     * repetition's, in the order they completed, so that a drift check over them compares early repetitions with
     * late ones rather than the first columns with the last.
     */
    private ProjectionReads reads(int id, Set<Column> columns, List<Chunk> chunks, long pulses) throws Exception {
        long[] before = new long[3];
        int[] firstTimed = {-1};
        int[] runs = {0};
        double[] seconds = timer.warm(() -> {
            if (runs[0]++ == 1) {
                firstTimed[0] = dataset.fetchesLogged(); // the run after the warm-up
            }
            before[0] = dataset.bytesFetched();
            before[1] = dataset.readsIssued();
            before[2] = dataset.fetchesLogged();
            long read = dataset.readBatch(id, columns, cores).size();
            if (read != pulses) {
                throw new IllegalStateException("batch " + id + " read " + read + " pulses, then " + pulses);
            }
            return read;
        });
        long needed = chunks.stream().filter(c -> columns.contains(c.column())).mapToLong(Chunk::bytes).sum();
        return new ProjectionReads(seconds, dataset.bytesFetched() - before[0], dataset.readsIssued() - before[1],
                needed, dataset.fetches(firstTimed[0] < 0 ? (int) before[2] : firstTimed[0]));
    }

    /** The file read front to back through one stream and one reused buffer, nothing decoded: the limit. */
    private static long rawRead(FileSystem fs, org.apache.hadoop.fs.Path path, long length) throws IOException {
        byte[] buffer = new byte[RAW_BUFFER];
        long total = 0;
        try (FSDataInputStream in = fs.open(path)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        }
        if (total != length) {
            throw new IllegalStateException("raw read of " + path + " got " + total + " bytes, the file has "
                    + length + "; was it changed during the run?");
        }
        return total;
    }

    /** Every column chunk's place and size, read through a stream of its own so no fetch is counted. */
    private static List<Chunk> footer(Configuration conf, org.apache.hadoop.fs.Path path) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    String name = chunk.getPath().toDotString();
                    Arrays.stream(Column.values()).filter(c -> c.columnName().equals(name)).findFirst()
                            .ifPresent(c -> chunks.add(new Chunk(c, chunk.getStartingPos(), chunk.getTotalSize())));
                }
            }
        }
        return chunks;
    }

    private void row(int id, String projection, long length, long pulses, ProjectionReads r, double rawRate) {
        double seconds = median(r.seconds());
        double fetchedRate = median(rates(r.fetched(), r.seconds())) / MIB;
        readsTable.row(id, projection, length / MIB, pulses, seconds, median(rates(pulses, r.seconds())),
                r.fetched() / MIB, r.needed() / MIB, (double) r.fetched() / r.needed(), r.reads(), fetchedRate,
                rawRate / MIB, median(rates(length, r.seconds())) / rawRate);
    }

    private Table chunkTable() {
        Table.Builder table = Table.builder(CHUNKS_TABLE, "column", "fetches", "median fetch (MiB)",
                "median fetch (ms)", "median fetch (MiB/s)", "share of fetched bytes")
                .title("Column chunks as the file system served them: each positioned read of the timed "
                        + "all-columns reads, by the column whose chunk it fetched (" + cores + " reading at once)");
        double total = chunkFetches.values().stream().flatMap(List::stream).mapToDouble(f -> f[0]).sum();
        for (Map.Entry<Column, List<double[]>> entry : chunkFetches.entrySet()) {
            List<double[]> fetches = entry.getValue();
            double[] bytes = fetches.stream().mapToDouble(f -> f[0]).toArray();
            double[] millis = fetches.stream().mapToDouble(f -> f[1] / 1e6).toArray();
            double[] mibPerSecond = fetches.stream().mapToDouble(f -> f[0] / MIB / (f[1] / 1e9)).toArray();
            table.row(entry.getKey().columnName(), fetches.size(), median(bytes) / MIB, median(millis),
                    median(mibPerSecond), Arrays.stream(bytes).sum() / total);
        }
        return table.build();
    }

    private void report(Table reads, Table chunks) throws IOException {
        MarkdownReport md = new MarkdownReport();
        md.heading(1, "I/O deep dive: a dataset on a Hadoop file system");
        md.bullets(List.of("dataset: `" + DefaultDataset.shown(location) + "`, " + dataset.batchIds().size()
                        + " batch files, " + properties.get("files_measured") + " measured",
                "machine: " + cores + " processors; every timed figure is the median of " + timer.count()
                        + " repetitions after one warm-up",
                "parameters: " + context.parameters().asText()));
        md.paragraph("The raw read is the same file read front to back through one `FSDataInputStream` into a "
                + "reused 8 MiB buffer, nothing decoded: what the file system can deliver to this process. "
                + "`reader / raw read` divides our reader's file bytes per second by it, so 1.0 would be the "
                + "limit. `fetched / needed` divides the bytes our positioned reads fetched by the bytes of the "
                + "projected columns' chunks in the footer: above 1.0 is what the footer reads and any over-read "
                + "cost.");
        md.table(reads);
        md.table(chunks);
        md.paragraph("Not measured on a remote dataset: " + properties.get("not_measured_remotely") + ". Cold "
                + "reads would need the datanodes' page cache emptied, which this process cannot do or verify; "
                + "DuckDB does not read HDFS.");
        md.write(context.outputDirectory().resolve(IoStudy.REPORT_FILE));
    }

    private void add(Metric metric, double... values) {
        List<Double> list = samples.computeIfAbsent(metric, m -> new ArrayList<>());
        for (double value : values) {
            list.add(value);
        }
    }
}
