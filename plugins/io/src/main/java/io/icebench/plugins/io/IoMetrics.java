package io.icebench.plugins.io;

import io.icebench.spi.Metric;
import io.icebench.spi.Unit;

import java.util.List;

/**
 * The metrics of the study. Throughput samples are one per timed repetition, across the measured files; ratios are
 * one per file (median over median); memory samples are one per pass or per file loaded. Cold metrics hold only
 * reads whose eviction was verified, so a threshold on them can never be met by a warm read.
 */
final class IoMetrics {

    static final Unit PULSES_PER_SECOND = Unit.of("pulses/s");
    static final Unit BYTES_PER_SECOND = Unit.of("B/s");

    static final Metric WARM_READ_PULSES = Metric.higherIsBetter("warm_read_pulses_per_second", PULSES_PER_SECOND,
            "our reader, model columns, all cores, file in the page cache");
    static final Metric WARM_READ_BYTES = Metric.higherIsBetter("warm_read_bytes_per_second", BYTES_PER_SECOND,
            "file bytes per second of the warm reads");
    static final Metric COLD_READ_PULSES = Metric.higherIsBetter("cold_read_pulses_per_second", PULSES_PER_SECOND,
            "our reader after a verified page-cache eviction");
    static final Metric COLD_READ_BYTES = Metric.higherIsBetter("cold_read_bytes_per_second", BYTES_PER_SECOND,
            "file bytes per second of the verified cold reads");
    static final Metric RAW_WARM_BYTES = Metric.higherIsBetter("raw_warm_read_bytes_per_second", BYTES_PER_SECOND,
            "sequential FileChannel read of the same file into a direct buffer, in the page cache");
    static final Metric RAW_COLD_BYTES = Metric.higherIsBetter("raw_cold_read_bytes_per_second", BYTES_PER_SECOND,
            "sequential FileChannel read after a verified eviction: the device's limit");
    static final Metric READER_TO_RAW_WARM = Metric.higherIsBetter("reader_to_raw_warm_ratio", Unit.RATIO,
            "warm reader bytes/s over warm raw bytes/s, one per file");
    static final Metric READER_TO_RAW_COLD = Metric.higherIsBetter("reader_to_raw_cold_ratio", Unit.RATIO,
            "cold reader bytes/s over cold raw bytes/s, one per file with verified evictions");
    static final Metric DUCKDB_PULSES = Metric.higherIsBetter("duckdb_pulses_per_second", PULSES_PER_SECOND,
            "DuckDB scanning and aggregating the model columns, warm, same threads");
    static final Metric READER_TO_DUCKDB = Metric.higherIsBetter("reader_to_duckdb_ratio", Unit.RATIO,
            "our warm pulses/s over DuckDB's, one per file");
    static final Metric PROJECTION_ALL = Metric.higherIsBetter("projection_all_columns_pulses_per_second",
            PULSES_PER_SECOND, "all five columns of the measured files");
    static final Metric PROJECTION_MODEL = Metric.higherIsBetter("projection_model_columns_pulses_per_second",
            PULSES_PER_SECOND, "the model's four columns of the measured files");
    static final Metric PROJECTION_TIME = Metric.higherIsBetter("projection_time_column_pulses_per_second",
            PULSES_PER_SECOND, "the time column alone of the measured files");
    static final Metric ONE_THREAD = Metric.higherIsBetter("read_1_thread_pulses_per_second", PULSES_PER_SECOND,
            "warm reads of the measured files on one thread");
    static final Metric MAX_THREADS = Metric.higherIsBetter("read_max_threads_pulses_per_second", PULSES_PER_SECOND,
            "warm reads of the measured files on the most threads of the sweep");
    static final Metric THREAD_SPEEDUP = Metric.higherIsBetter("read_thread_speedup", Unit.RATIO,
            "most threads over one thread (each sample over the one-thread median)");
    static final Metric SEQUENTIAL_PULSES = Metric.higherIsBetter("sequential_pulses_per_second",
            PULSES_PER_SECOND, "every batch file loaded in turn with its events, one pass per sample");
    static final Metric SEQUENTIAL_MAX_RSS = Metric.lowerIsBetter("sequential_max_rss", Unit.MEBIBYTES,
            "largest VmRSS sampled after each file of a pass, one per pass");
    static final Metric SEQUENTIAL_HEAP = Metric.lowerIsBetter("sequential_heap_used", Unit.MEBIBYTES,
            "heap used after each file loaded (no forced GC)");
    static final Metric PEAK_RSS = Metric.lowerIsBetter("peak_rss", Unit.MEBIBYTES,
            "VmHWM after sequential loading: the process's peak since it started");

    static final Metric REMOTE_READ_PULSES = Metric.higherIsBetter("remote_read_pulses_per_second",
            PULSES_PER_SECOND, "our reader, model columns, all cores, dataset on a Hadoop file system");
    static final Metric REMOTE_RAW_BYTES = Metric.higherIsBetter("remote_raw_read_bytes_per_second",
            BYTES_PER_SECOND, "the same remote file read front to back through one FileSystem stream");
    static final Metric REMOTE_READER_TO_RAW = Metric.higherIsBetter("remote_reader_to_raw_ratio", Unit.RATIO,
            "remote reader file bytes/s (all columns) over the raw FileSystem read's, one per file");
    static final Metric REMOTE_FETCHED_OVER_NEEDED = Metric.lowerIsBetter("remote_fetched_over_needed_ratio",
            Unit.RATIO, "bytes the model-column read fetched over its columns' chunk bytes, one per file");
    static final Metric REMOTE_CHUNK_BYTES = Metric.higherIsBetter("remote_chunk_fetch_bytes_per_second",
            BYTES_PER_SECOND, "one positioned read of one column chunk, as the file system served it");

    static final List<Metric> ALL = List.of(WARM_READ_PULSES, WARM_READ_BYTES, COLD_READ_PULSES, COLD_READ_BYTES,
            RAW_WARM_BYTES, RAW_COLD_BYTES, READER_TO_RAW_WARM, READER_TO_RAW_COLD, DUCKDB_PULSES, READER_TO_DUCKDB,
            PROJECTION_ALL, PROJECTION_MODEL, PROJECTION_TIME, ONE_THREAD, MAX_THREADS, THREAD_SPEEDUP,
            SEQUENTIAL_PULSES, SEQUENTIAL_MAX_RSS, SEQUENTIAL_HEAP, PEAK_RSS, REMOTE_READ_PULSES, REMOTE_RAW_BYTES,
            REMOTE_READER_TO_RAW, REMOTE_FETCHED_OVER_NEEDED, REMOTE_CHUNK_BYTES);

    private IoMetrics() {
    }
}
