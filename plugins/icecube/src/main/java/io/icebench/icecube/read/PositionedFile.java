package io.icebench.icecube.read;

import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

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

    /** Fills {@code dst}'s remaining bytes from file offset {@code at}, advancing its position, or throws. */
    void read(long at, ByteBuffer dst) throws IOException;

    /** A stream over this file's positioned reads; several may read at once, each with a position of its own. */
    @Override
    default SeekableInputStream newStream() {
        return new PositionedStream(this);
    }

    /** Releases what the file holds open; streams handed out before must not be used afterwards. */
    @Override
    default void close() throws IOException {
    }
}
