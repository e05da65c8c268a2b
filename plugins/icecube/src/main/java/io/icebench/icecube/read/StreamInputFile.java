package io.icebench.icecube.read;

import org.apache.hadoop.fs.FSDataInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PositionedFile} over one Hadoop {@link FSDataInputStream}, read only with
 * {@code readFully(position, ...)}: positioned reads leave the stream's own position alone and HDFS serves them
 * from several threads at once, so every decoding thread shares the one stream and none ever seeks it. The
 * streams handed to parquet keep their own position and turn each {@code readFully} into one positioned read.
 *
 * <p>A read that fails (a datanode gone with no replica left, a dropped connection) surfaces as a
 * {@link RemoteReadException} naming the offset and length, which {@link ColumnarFile} reports as such rather than
 * as a damaged file.
 */
final class StreamInputFile implements PositionedFile {

    private final URI location;
    private final FSDataInputStream stream;
    private final long length;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final ReadCounters dataset;
    /** The file's last {@link #TAIL_BYTES}, fetched with the first read that falls in them; null until then. */
    private volatile byte[] tail;

    /**
     * A parquet file ends in the footer's length (4 bytes, little-endian) and the magic {@code PAR1}, and parquet
     * reads them as five pieces: the magic, the length byte by byte, the magic again. Each would be a round trip to
     * a remote store (a ranged GET on S3), so those 8 bytes are fetched once, with the first read that falls in
     * them. Only those 8: a larger tail would also hold the last column chunks, whose fetches the io study counts
     * one per chunk.
     */
    static final int TAIL_BYTES = 8;

    /** @param dataset the dataset's counters, also told of every read (null: none) */
    StreamInputFile(URI location, FSDataInputStream stream, long length, ReadCounters dataset) {
        this.location = location;
        this.stream = stream;
        this.length = length;
        this.dataset = dataset;
    }

    @Override
    public long length() {
        return length;
    }

    /** The positioned reads done so far, and the bytes they fetched: what crossed the network. */
    long reads() {
        return reads.get();
    }

    long bytesRead() {
        return bytes.get();
    }

    @Override
    public void read(long at, byte[] dst, int off, int len) throws IOException {
        if (at < 0 || len < 0 || at + len > length) {
            throw new EOFException("read of " + len + " bytes at offset " + at + " runs past the end of the "
                    + length + "-byte file");
        }
        if (len == 0) {
            return;
        }
        long tailStart = Math.max(0, length - TAIL_BYTES);
        if (at >= tailStart) {
            System.arraycopy(tail(tailStart), (int) (at - tailStart), dst, off, len);
            return;
        }
        fetch(at, dst, off, len);
    }

    private byte[] tail(long tailStart) throws IOException {
        byte[] bytes = tail;
        if (bytes == null) {
            synchronized (this) {
                bytes = tail;
                if (bytes == null) {
                    bytes = new byte[(int) (length - tailStart)];
                    fetch(tailStart, bytes, 0, bytes.length);
                    tail = bytes;
                }
            }
        }
        return bytes;
    }

    /** One positioned read from the file system, counted. */
    private void fetch(long at, byte[] dst, int off, int len) throws IOException {
        long start = System.nanoTime();
        try {
            stream.readFully(at, dst, off, len);
        } catch (IOException e) {
            throw new RemoteReadException("read of " + len + " bytes at offset " + at + " failed: "
                    + HadoopErrors.firstLine(e), e);
        }
        reads.incrementAndGet();
        bytes.addAndGet(len);
        if (dataset != null) {
            dataset.add(location, at, len, System.nanoTime() - start);
        }
    }

    @Override
    public void read(long at, ByteBuffer dst) throws IOException {
        int len = dst.remaining();
        if (dst.hasArray()) {
            read(at, dst.array(), dst.arrayOffset() + dst.position(), len);
        } else {
            byte[] copy = new byte[len];
            read(at, copy, 0, len);
            dst.put(dst.position(), copy);
        }
        dst.position(dst.position() + len);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    @Override
    public String toString() {
        return location.toString();
    }

    /** A positioned read that the file system failed, as opposed to bytes that would not decode. */
    static final class RemoteReadException extends IOException {
        RemoteReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
