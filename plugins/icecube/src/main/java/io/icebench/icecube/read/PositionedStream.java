package io.icebench.icecube.read;

import org.apache.parquet.io.SeekableInputStream;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A parquet stream over a {@link PositionedFile}: a position of its own, and every read an absolute read of the
 * file, so streams on several threads share one file (a mapping, or one remote stream) without disturbing each
 * other. {@code readFully(ByteBuffer)}, which parquet calls once per column chunk, is one read of the whole chunk.
 */
final class PositionedStream extends SeekableInputStream {

    private final PositionedFile file;
    private final long length;
    private long position;

    PositionedStream(PositionedFile file) {
        this.file = file;
        this.length = file.length();
    }

    @Override
    public long getPos() {
        return position;
    }

    @Override
    public void seek(long newPos) {
        position = newPos;
    }

    @Override
    public int read() throws IOException {
        if (position >= length) {
            return -1;
        }
        byte[] one = new byte[1];
        file.read(position++, one, 0, 1);
        return one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long left = length - position;
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        file.read(position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
        readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int start, int len) throws IOException {
        file.read(position, bytes, start, len);
        position += len;
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
        long left = length - position;
        if (left <= 0) {
            return buf.hasRemaining() ? -1 : 0;
        }
        int n = (int) Math.min(buf.remaining(), left);
        ByteBuffer part = buf.slice();
        part.limit(n);
        file.read(position, part);
        buf.position(buf.position() + n);
        position += n;
        return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
        int n = buf.remaining();
        file.read(position, buf);
        position += n;
    }

    @Override
    public void close() {
        // The file's: a mapping or a stream shared by every reader, released with the file.
    }
}
