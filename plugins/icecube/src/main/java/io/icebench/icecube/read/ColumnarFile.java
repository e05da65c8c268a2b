package io.icebench.icecube.read;

import io.icebench.icecube.IcecubeDataException;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * One parquet file opened for columnar reading: magic bytes checked, footer parsed, columns found by name and
 * checked against the layout's types, and column chunks decoded in parallel into primitive arrays.
 *
 * <p>Parallelism: the work is one task per (row group, column) chunk, sorted largest first so the last tasks to
 * start are the small ones. Each worker thread (the caller is one of them) owns a {@link ParquetFileReader} over
 * the shared {@link PositionedFile} (a memory mapping, or one Hadoop stream read by position) and its own
 * decompressors, because parquet-hadoop's reader and codec caches are not
 * thread-safe; the footer is parsed once and shared. A task asks its reader for exactly one column chunk of one
 * row group, so projection means unrequested chunks are never copied or decompressed, and writes its values into
 * the shared output arrays at the row group's offset; tasks never write the same range, so they need no locks.
 *
 * <p>A chunk that is a large share of the work (a file written as one row group has only one per column) is
 * split further: the task lists its pages, whose decompression {@link WorkerCodecs} defers, and hands page
 * ranges to whichever threads are free; each decompresses and decodes its pages into their place.
 */
final class ColumnarFile implements AutoCloseable {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** One allocation per column chunk: no page is split across buffers (which would force a copy). */
    private static final int MAX_ALLOCATION = 1 << 30;

    /** A column to read into a target. */
    record Request(ColumnDescriptor column, Target target) {
    }

    private final DataFile file;
    private final String role;
    private final PositionedFile input;
    private final ParquetMetadata footer;
    private final MessageType schema;
    private final List<BlockMetaData> blocks;
    /** First row of each row group; {@code starts[blocks.size()]} is the row count. */
    private final long[] starts;

    private ColumnarFile(DataFile file, String role, PositionedFile input, ParquetMetadata footer) {
        this.file = file;
        this.role = role;
        this.input = input;
        this.footer = footer;
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
            checkMagic(file, role, input);
            ParquetMetadata footer;
            try (SeekableInputStream stream = input.newStream()) {
                footer = ParquetFileReader.readFooter(input, options(null), stream);
            } catch (StreamInputFile.RemoteReadException e) {
                throw remoteFailure(file, role, e);
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

    /** A read the file system failed (not bytes that would not decode): said as such, in one line. */
    private static IcecubeDataException remoteFailure(DataFile file, String role, Throwable e) {
        return file.error("reading the " + role + " failed in the middle (" + e.getMessage() + "); the file "
                + "system dropped the connection or lost every copy of a block: check the cluster and run again",
                e);
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

    private static void checkMagic(DataFile file, String role, PositionedFile input) {
        long length = input.getLength();
        byte[] head = new byte[(int) Math.min(4, length)];
        byte[] tail = new byte[(int) Math.min(4, length)];
        try {
            input.read(0, head, 0, head.length);
            input.read(length - tail.length, tail, 0, tail.length);
        } catch (StreamInputFile.RemoteReadException e) {
            throw remoteFailure(file, role, e);
        } catch (IOException e) {
            throw file.error("cannot read the " + role + ": " + e.getMessage(), e);
        }
        boolean parquetHead = startsLikeParquet(head);
        if (!parquetHead) {
            throw file.error("not a parquet file: it does not start with the magic bytes PAR1"
                    + " (" + length + " bytes); a " + role + " must be parquet, write it with pyarrow, DuckDB "
                    + "(COPY ... TO '...' (FORMAT parquet)) or parquet-hadoop");
        }
        if (length < 12 || !java.util.Arrays.equals(tail, MAGIC)) {
            throw file.error("truncated parquet file: it starts with PAR1 but does not end "
                    + "with it (" + length + " bytes), so its footer is missing; the copy was cut short, copy or "
                    + "write the " + role + " again");
        }
    }

    private static boolean startsLikeParquet(byte[] head) {
        for (int i = 0; i < head.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        // An empty file has no head at all: call it truncated, not foreign.
        return true;
    }

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
        List<Task> tasks = new ArrayList<>();
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
                tasks.add(new Task(group, request, (int) (starts[group] - starts[firstGroup]),
                        (int) (starts[group + 1] - starts[firstGroup]), starts[firstGroup], chunk.getTotalSize()));
            }
        }
        tasks.sort(Comparator.comparingLong(Task::bytes).reversed());
        int workers = Math.min(threads, Math.max(1, tasks.size()));
        // Split a chunk into page ranges when it alone is a large share of the work, as in a file written as one
        // row group (older pyarrow): otherwise four chunks would be the only units for all threads.
        long totalValues = (starts[lastGroup] - starts[firstGroup]) * Math.max(1, requests.size());
        long splitValues = workers == 1 ? Long.MAX_VALUE : Math.max(1 << 18, totalValues / (workers * 16L));
        new Run(tasks, workers, splitValues, afterWork).execute();
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

    /** One column chunk: decoded into {@code target[from..to)}. */
    private record Task(int group, Request request, int from, int to, long rowBase, long bytes) {
        String where() {
            return "column '" + request.target().name + "', row group " + group;
        }
    }

    /** A data page listed from a chunk, where its values go, and how to decompress it. */
    private record PageRef(DataPage page, WorkerCodecs.Deferred deferred, int at) {
    }

    /** Pages of a chunk decoded by one thread; the last part to finish releases the chunk. */
    private record Part(Task task, ChunkDecoder decoder, List<PageRef> pages, int limit, PageReadStore store,
                        AtomicInteger unfinished) {
    }

    /**
     * One parallel read. Work is a deque of chunk tasks (largest first) and page-range parts: a worker that lists
     * a big chunk pushes its parts to the front, so parts run before new chunks start and at most a few chunks'
     * compressed bytes are held at once.
     */
    private final class Run {
        private final LinkedBlockingDeque<Object> work = new LinkedBlockingDeque<>();
        private final AtomicInteger pending = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final int workers;
        private final long splitValues;
        private final LongConsumer afterWork;

        Run(List<Task> tasks, int workers, long splitValues, LongConsumer afterWork) {
            this.workers = workers;
            this.splitValues = splitValues;
            this.afterWork = afterWork;
            pending.set(tasks.size());
            work.addAll(tasks);
        }

        void execute() {
            Thread[] helpers = new Thread[workers - 1];
            for (int i = 0; i < helpers.length; i++) {
                helpers[i] = new Thread(this::loop, "icebench-read-" + (i + 1));
                helpers[i].setDaemon(true);
                helpers[i].start();
            }
            loop();
            boolean interrupted = false;
            for (Thread helper : helpers) {
                while (true) {
                    try {
                        helper.join();
                        break;
                    } catch (InterruptedException e) {
                        // Stop handing out work, but wait: the helpers still write into the caller's arrays.
                        interrupted = true;
                        failure.compareAndSet(null, e);
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable problem = failure.get();
            if (problem != null) {
                throw translate(problem);
            }
        }

        private void loop() {
            try (Worker worker = new Worker()) {
                while (failure.get() == null) {
                    Object next = work.pollFirst();
                    if (next == null) {
                        if (pending.get() == 0) {
                            break;
                        }
                        // Another worker is still listing a chunk and may push parts: wait briefly for them.
                        next = work.pollFirst(100, TimeUnit.MICROSECONDS);
                        if (next == null) {
                            continue;
                        }
                    }
                    long start = afterWork == null ? 0 : System.nanoTime();
                    if (next instanceof Task task) {
                        worker.chunk(task, this);
                    } else {
                        worker.part((Part) next);
                    }
                    if (afterWork != null) {
                        afterWork.accept(System.nanoTime() - start); // on this thread: it decoded the unit
                    }
                    pending.decrementAndGet();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }

        void schedule(List<Part> parts) {
            pending.addAndGet(parts.size());
            for (int i = parts.size() - 1; i >= 0; i--) {
                work.offerFirst(parts.get(i));
            }
        }
    }

    private RuntimeException translate(Throwable problem) {
        if (problem instanceof IcecubeDataException data) {
            return data;
        }
        if (problem instanceof InterruptedException) {
            return file.error("reading was interrupted", problem);
        }
        if (problem instanceof InternalError) {
            // What a memory-mapped read reports when the file shrinks underneath it.
            return file.error("the " + role + " changed or was truncated while it was read ("
                    + problem.getMessage() + "); do not rewrite files that are being read", problem);
        }
        if (problem instanceof Error error) {
            throw error;
        }
        return file.error("cannot read the " + role + ": " + problem, problem);
    }

    /** A decoding thread's own parquet reader and decompressors. */
    private final class Worker implements AutoCloseable {
        private final WorkerCodecs codecs = new WorkerCodecs();
        private ParquetFileReader reader;

        /** Reads a chunk and lists its pages; decodes them here unless the chunk is big enough to split. */
        void chunk(Task task, Run run) {
            try {
                if (reader == null) {
                    reader = new ParquetFileReader(input, footer, options(codecs.deferring()), input.newStream());
                }
                ColumnDescriptor column = task.request().column();
                reader.setRequestedSchema(List.of(column));
                PageReadStore store = reader.readRowGroup(task.group());
                PageReader pages = store.getPageReader(column);
                ChunkDecoder decoder = new ChunkDecoder(column, task.request().target(), task.rowBase());
                DictionaryPage dictionary = pages.readDictionaryPage();
                if (dictionary != null) {
                    decoder.dictionary(dictionary, codecs.takeDeferred(dictionary.getBytes()), codecs);
                }
                List<PageRef> refs = new ArrayList<>();
                long at = task.from();
                for (DataPage page = pages.readPage(); page != null; page = pages.readPage()) {
                    BytesInput bytes = page instanceof DataPageV2 v2 ? v2.getData() : ((DataPageV1) page).getBytes();
                    refs.add(new PageRef(page, codecs.takeDeferred(bytes), (int) Math.min(at, task.to())));
                    at += page.getValueCount();
                }
                if (at != task.to()) {
                    throw new DecodeException("pages hold " + (at - task.from()) + " values, the row group has "
                            + (task.to() - task.from()) + " rows");
                }
                List<Part> parts = split(task, decoder, refs, store, run.splitValues);
                if (parts.size() == 1) {
                    part(parts.get(0));
                } else {
                    run.schedule(parts);
                }
            } catch (RuntimeException | IOException e) {
                throw wrap(task, e);
            }
        }

        private List<Part> split(Task task, ChunkDecoder decoder, List<PageRef> refs, PageReadStore store,
                                 long splitValues) {
            List<Part> parts = new ArrayList<>();
            AtomicInteger unfinished = new AtomicInteger();
            int first = 0;
            for (int i = 0; i < refs.size(); i++) {
                int end = i + 1 < refs.size() ? refs.get(i + 1).at() : task.to();
                boolean last = i + 1 == refs.size();
                if (last || end - refs.get(first).at() >= splitValues) {
                    parts.add(new Part(task, decoder, refs.subList(first, i + 1), end, store, unfinished));
                    first = i + 1;
                }
            }
            unfinished.set(parts.size());
            return parts;
        }

        void part(Part part) {
            try {
                List<PageRef> pages = part.pages();
                for (int i = 0; i < pages.size(); i++) {
                    PageRef ref = pages.get(i);
                    int limit = i + 1 < pages.size() ? pages.get(i + 1).at() : part.limit();
                    part.decoder().page(ref.page(), ref.deferred(), codecs, ref.at(), limit);
                }
                if (part.unfinished().decrementAndGet() == 0) {
                    part.store().close();
                }
            } catch (RuntimeException | IOException e) {
                throw wrap(part.task(), e);
            }
        }

        private IcecubeDataException wrap(Task task, Exception e) {
            if (e instanceof IcecubeDataException data) {
                return data;
            }
            for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof StreamInputFile.RemoteReadException) {
                    return remoteFailure(file, role, t);
                }
            }
            if (e instanceof DecodeException) {
                return file.error(task.where() + ": " + e.getMessage(), e);
            }
            return file.error(task.where() + " cannot be decoded (" + e + "); the file is "
                    + "damaged or truncated: write it again", e);
        }

        @Override
        public void close() throws IOException {
            try {
                if (reader != null) {
                    reader.close();
                }
            } finally {
                codecs.release();
            }
        }
    }
}
