package io.icebench.icecube.read;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One parquet file opened for columnar reading: magic bytes checked ({@link ParquetMagic}), footer parsed,
 * columns found by name and checked against the layout's types, and column chunks decoded in parallel into
 * primitive arrays.
 *
 * <p>Parallelism: the work is one {@link ChunkTask} per (row group, column) chunk, sorted largest first so the
 * last tasks to start are the small ones, and run by a {@link ReadRun}. Each worker thread (the caller is one of
 * them) is a {@link ChunkWorker} that owns a {@link ParquetFileReader} over the shared {@link PositionedFile} (a
 * memory mapping, or one Hadoop stream read by position) and its own decompressors, because parquet-hadoop's
 * reader and codec caches are not thread-safe; the footer is parsed once and shared through a
 * {@link ReadContext}. A task writes its values into the shared output arrays at the row group's offset; tasks
 * never write the same range, so they need no locks.
 *
 * <p>A chunk that is a large share of the work (a file written as one row group has only one per column) is
 * split further: the task lists its pages, whose decompression {@link WorkerCodecs} defers, and hands page
 * ranges to whichever threads are free; each decompresses and decodes its pages into their place.
 */
final class ColumnarFile implements AutoCloseable {

    /** One allocation per column chunk: no page is split across buffers (which would force a copy). */
    private static final int MAX_ALLOCATION = 1 << 30;

    /** A column to read into a target. */
    record Request(ColumnDescriptor column, Target target) {
    }

    private final DataFile file;
    private final String role;
    private final PositionedFile input;
    /** What the decoding threads share: the file, its role, its input and its footer. */
    private final ReadContext context;
    private final MessageType schema;
    private final List<BlockMetaData> blocks;
    /** First row of each row group; {@code starts[blocks.size()]} is the row count. */
    private final long[] starts;

    private ColumnarFile(DataFile file, String role, PositionedFile input, ParquetMetadata footer) {
        this.file = file;
        this.role = role;
        this.input = input;
        this.context = new ReadContext(file, role, input, footer);
        this.schema = footer.getFileMetaData().getSchema();
        this.blocks = footer.getBlocks();
        this.starts = new long[blocks.size() + 1];
        for (int i = 0; i < blocks.size(); i++) {
            starts[i + 1] = starts[i] + blocks.get(i).getRowCount();
        }
    }

    /**
     * Opens {@code file}.
     *
     * @param role what the file is in the layout ("batch file", "meta file"), for messages
     */
    static ColumnarFile open(Path file, String role) {
        return open(DataFile.local(file), role);
    }

    /** Opens a local or remote file; the caller closes it, which releases a remote file's stream. */
    static ColumnarFile open(DataFile file, String role) {
        PositionedFile input = file.open(role);
        try {
            ParquetMagic.check(file, role, input);
            ParquetMetadata footer;
            try (SeekableInputStream stream = input.newStream()) {
                footer = ParquetFileReader.readFooter(input, options(null), stream);
            } catch (StreamInputFile.RemoteReadException e) {
                throw ReadFailures.remote(file, role, e);
            } catch (IOException | RuntimeException e) {
                throw file.error("the parquet footer cannot be read (" + e.getMessage()
                        + "); the file is damaged or truncated: copy or write it again", e);
            }
            ColumnarFile opened = new ColumnarFile(file, role, input, footer);
            if (opened.rows() > Integer.MAX_VALUE - 16) {
                throw file.error(role + " holds " + opened.rows() + " rows, more than one Java "
                        + "array can; split it into smaller files");
            }
            return opened;
        } catch (RuntimeException e) {
            closeQuietly(input, e);
            throw e;
        }
    }

    private static void closeQuietly(PositionedFile input, Throwable failure) {
        try {
            input.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Releases the file: a remote file's stream; nothing for a mapping, which the garbage collector unmaps. */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // Everything needed was read; a stream that will not close leaks nothing this run depends on.
        }
    }

    /**
     * The options every parquet reader of a file is opened with: the footer's ({@code codecs} null) and each
     * worker's (its own {@code codecs}).
     */
    static ParquetReadOptions options(org.apache.parquet.compression.CompressionCodecFactory codecs) {
        ParquetReadOptions.Builder builder = new ParquetReadOptions.Builder(new PlainParquetConfiguration())
                .withMaxAllocationInBytes(MAX_ALLOCATION)
                .usePageChecksumVerification(false);
        if (codecs != null) {
            builder.withCodecFactory(codecs);
        }
        return builder.build();
    }

    DataFile file() {
        return file;
    }

    /** The positioned reads this file is decoded from: for tests that count them. */
    PositionedFile input() {
        return input;
    }

    long rows() {
        return starts[blocks.size()];
    }

    int rowGroups() {
        return blocks.size();
    }

    long rowGroupStart(int rowGroup) {
        return starts[rowGroup];
    }

    /** The names of the top-level columns, in file order. */
    List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (Type field : schema.getFields()) {
            names.add(field.getName());
        }
        return names;
    }

    boolean has(String name) {
        return schema.containsField(name);
    }

    /**
     * Finds the top-level column {@code name} and checks its physical type can be read as {@code kind}.
     *
     * @param needed the columns the layout needs, for the message when this one is missing
     */
    ColumnDescriptor column(String name, Target.Kind kind, String needed) {
        if (!schema.containsField(name)) {
            throw file.error("missing required column '" + name + "'; columns found: "
                    + columnNames() + "; a " + role + " needs " + needed);
        }
        Type field = schema.getType(name);
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            throw file.error("column '" + name + "' has the wrong type: expected a plain "
                    + kind.layoutType() + " column, found " + field.toString().trim()
                    + "; write '" + name + "' as a flat " + kind.layoutType() + " column");
        }
        PrimitiveType primitive = field.asPrimitiveType();
        PrimitiveTypeName type = primitive.getPrimitiveTypeName();
        boolean accepted = switch (kind) {
            case SHORT -> (type == PrimitiveTypeName.INT32 || type == PrimitiveTypeName.INT64) && integer(primitive);
            case LONG -> (type == PrimitiveTypeName.INT64 || type == PrimitiveTypeName.INT32) && integer(primitive);
            case DOUBLE -> type == PrimitiveTypeName.DOUBLE || type == PrimitiveTypeName.FLOAT;
            case BOOLEAN -> type == PrimitiveTypeName.BOOLEAN;
        };
        if (!accepted) {
            LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
            throw file.error("column '" + name + "' has the wrong type: expected "
                    + expected(kind) + ", found " + type + (logical == null ? "" : " (" + logical + ")")
                    + "; rewrite the file with '" + name + "' as " + kind.layoutType());
        }
        return schema.getColumnDescription(new String[] {name});
    }

    private static boolean integer(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        // INT(16), INT(64) and unannotated integers are values; DECIMAL, TIMESTAMP, DATE and the like are not.
        return logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation;
    }

    private static String expected(Target.Kind kind) {
        return switch (kind) {
            case SHORT -> "int16 (INT32 with an INT(16) annotation; plain INT32 or INT64 is accepted)";
            case LONG -> "int64 (INT64; INT32 is accepted)";
            case DOUBLE -> "float64 (DOUBLE; FLOAT is accepted)";
            case BOOLEAN -> "boolean (BOOLEAN)";
        };
    }

    /** Which row groups cover rows {@code [fromRow, toRow)}: {@code [first, last)}. */
    int[] rowGroupsCovering(long fromRow, long toRow) {
        int first = 0;
        while (first < blocks.size() && starts[first + 1] <= fromRow) {
            first++;
        }
        int last = first;
        while (last < blocks.size() && starts[last] < toRow) {
            last++;
        }
        return new int[] {first, Math.max(first, last)};
    }

    /**
     * Decodes the requested columns of row groups {@code [firstGroup, lastGroup)} into their targets, whose index 0
     * is the first row of {@code firstGroup}.
     */
    void read(List<Request> requests, int threads, int firstGroup, int lastGroup) {
        read(requests, threads, firstGroup, lastGroup, null);
    }

    /**
     * As {@link #read(List, int, int, int)}, calling {@code afterWork} (unless null) on each decoding thread, the
     * caller's included, right after each unit it decoded (a column chunk, or a page range of a split one) with the
     * unit's elapsed nanoseconds. Time spent waiting for work or for the other threads is not reported.
     */
    void read(List<Request> requests, int threads, int firstGroup, int lastGroup, LongConsumer afterWork) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        List<ChunkTask> tasks = new ArrayList<>();
        for (int group = firstGroup; group < lastGroup; group++) {
            BlockMetaData block = blocks.get(group);
            if (block.getRowCount() == 0) {
                continue;
            }
            for (Request request : requests) {
                ColumnChunkMetaData chunk = chunk(block, request.column());
                if (chunk == null) {
                    throw file.error("row group " + group + " has no chunk for column '"
                            + request.target().name + "'; the file is damaged: write it again");
                }
                tasks.add(new ChunkTask(group, request, (int) (starts[group] - starts[firstGroup]),
                        (int) (starts[group + 1] - starts[firstGroup]), starts[firstGroup], chunk.getTotalSize()));
            }
        }
        tasks.sort(Comparator.comparingLong(ChunkTask::bytes).reversed());
        int workers = Math.min(threads, Math.max(1, tasks.size()));
        // Split a chunk into page ranges when it alone is a large share of the work, as in a file written as one
        // row group (older pyarrow): otherwise four chunks would be the only units for all threads.
        long totalValues = (starts[lastGroup] - starts[firstGroup]) * Math.max(1, requests.size());
        long splitValues = workers == 1 ? Long.MAX_VALUE : Math.max(1 << 18, totalValues / (workers * 16L));
        new ReadRun(context, tasks, workers, splitValues, afterWork).execute();
    }

    private static ColumnChunkMetaData chunk(BlockMetaData block, ColumnDescriptor column) {
        ColumnPath path = ColumnPath.get(column.getPath());
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (chunk.getPath().equals(path)) {
                return chunk;
            }
        }
        return null;
    }
}
