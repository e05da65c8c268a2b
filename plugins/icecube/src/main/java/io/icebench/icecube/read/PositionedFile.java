package io.icebench.icecube.read;

import org.apache.parquet.io.InputFile;

import java.io.Closeable;
import java.io.IOException;

/**
 * A file read by absolute position: what {@link ColumnarFile} needs from storage. The footer is parsed through the
 * {@link InputFile} side; column chunks arrive through the streams of {@link #newStream()}, whose
 * {@code readFully(ByteBuffer)} parquet calls once per column chunk (one allocation holds a whole chunk), so each
 * chunk costs exactly one {@link #read} of the whole chunk, never a seek per page.
 *
 * <p>Implementations must allow {@link #read} from several threads at once: the decoding threads share one.
 */
interface PositionedFile extends InputFile, Closeable {

    /** The file's length in bytes. */
    long length();

    @Override
    default long getLength() {
        return length();
    }

    /** Copies {@code len} bytes at file offset {@code at} into {@code dst[off..]}, or throws. */
    void read(long at, byte[] dst, int off, int len) throws IOException;

    /** Releases what the file holds open; streams handed out before must not be used afterwards. */
    @Override
    default void close() throws IOException {
    }
}
