package io.icebench.icecube.read;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.ParquetFileReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A decoding thread's own parquet reader and decompressors, which parquet-hadoop cannot share between threads.
 *
 * <p>A task asks the reader for exactly one column chunk of one row group, so projection means unrequested
 * chunks are never copied or decompressed. A chunk that is a large share of the work (a file written as one row
 * group has only one per column) is split: the worker lists its pages, whose decompression {@link WorkerCodecs}
 * defers, and hands page ranges to whichever threads are free; each decompresses and decodes its pages into
 * their place.
 */
final class ChunkWorker implements AutoCloseable {

    /** A data page listed from a chunk, where its values go, and how to decompress it. */
    record PageRef(DataPage page, WorkerCodecs.Deferred deferred, int at) {
    }

    /** Pages of a chunk decoded by one thread; the last part to finish releases the chunk. */
    record Part(ChunkTask task, ChunkDecoder decoder, List<PageRef> pages, int limit, PageReadStore store,
                AtomicInteger unfinished) {
    }

    private final ReadContext context;
    private final WorkerCodecs codecs = new WorkerCodecs();
    private ParquetFileReader reader;

    ChunkWorker(ReadContext context) {
        this.context = context;
    }

    /** Reads a chunk and lists its pages; decodes them here unless the chunk is big enough to split. */
    void chunk(ChunkTask task, ReadRun run) {
        try {
            if (reader == null) {
                reader = context.newReader(codecs.deferring());
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
            List<Part> parts = split(task, decoder, refs, store, run.splitValues());
            if (parts.size() == 1) {
                part(parts.get(0));
            } else {
                run.schedule(parts);
            }
        } catch (RuntimeException | IOException e) {
            throw ReadFailures.decoding(context.file(), context.role(), task, e);
        }
    }

    private List<Part> split(ChunkTask task, ChunkDecoder decoder, List<PageRef> refs, PageReadStore store,
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

    /** Decompresses and decodes a part's pages into their place. */
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
            throw ReadFailures.decoding(context.file(), context.role(), part.task(), e);
        }
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
