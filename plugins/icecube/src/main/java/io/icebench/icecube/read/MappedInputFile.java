package io.icebench.icecube.read;

import org.apache.parquet.io.SeekableInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link PositionedFile} (a parquet {@code InputFile}) over a read-only memory mapping of a local file.
 *
 * <p>Why not parquet's {@code LocalInputFile}: its {@code readFully(ByteBuffer)} reads into a fresh temporary array
 * (itself filled through a native buffer) and copies that into the target, so every column chunk crosses memory
 * three times. From a mapping, a chunk is one copy out of the page cache. The mapping is shared by every stream of
 * one read; reads use absolute indices only, so streams on several threads do not disturb each other. Files over
 * 1 GiB (a real train_meta.parquet) are mapped in segments.
 */
final class MappedInputFile implements PositionedFile {

    private static final long SEGMENT = 1L << 30;

    private final Path path;
    private final long length;
    private final MappedByteBuffer[] segments;

    MappedInputFile(Path path) throws IOException {
        this.path = path;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            this.length = channel.size();
            int count = (int) ((length + SEGMENT - 1) / SEGMENT);
            segments = new MappedByteBuffer[count];
            for (int i = 0; i < count; i++) {
                long start = i * SEGMENT;
                segments[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(SEGMENT, length - start));
            }
        }
    }

    Path path() {
        return path;
    }

    @Override
    public long length() {
        return length;
    }

    /** Copies {@code len} bytes at file offset {@code at} into {@code dst[off..]}. */
    @Override
    public void read(long at, byte[] dst, int off, int len) throws EOFException {
        checkRange(at, len);
        while (len > 0) {
            int segment = (int) (at / SEGMENT);
            int index = (int) (at % SEGMENT);
            int n = (int) Math.min(len, SEGMENT - index);
            segments[segment].get(index, dst, off, n);
            at += n;
            off += n;
            len -= n;
        }
    }

    private void read(long at, ByteBuffer dst) throws EOFException {
        int len = dst.remaining();
        checkRange(at, len);
        while (len > 0) {
            int segment = (int) (at / SEGMENT);
            int index = (int) (at % SEGMENT);
            int n = (int) Math.min(len, SEGMENT - index);
            dst.put(dst.position(), segments[segment], index, n);
            dst.position(dst.position() + n);
            at += n;
            len -= n;
        }
    }

    private void checkRange(long at, int len) throws EOFException {
        if (at < 0 || len < 0 || at + len > length) {
            throw new EOFException("read of " + len + " bytes at offset " + at + " runs past the end of the "
                    + length + "-byte file");
        }
    }

    @Override
    public SeekableInputStream newStream() {
        return new SeekableInputStream() {
            private long position;

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
                MappedInputFile.this.read(position++, one, 0, 1);
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
                MappedInputFile.this.read(position, b, off, n);
                position += n;
                return n;
            }

            @Override
            public void readFully(byte[] bytes) throws IOException {
                readFully(bytes, 0, bytes.length);
            }

            @Override
            public void readFully(byte[] bytes, int start, int len) throws IOException {
                MappedInputFile.this.read(position, bytes, start, len);
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
                MappedInputFile.this.read(position, part);
                buf.position(buf.position() + n);
                position += n;
                return n;
            }

            @Override
            public void readFully(ByteBuffer buf) throws IOException {
                int n = buf.remaining();
                MappedInputFile.this.read(position, buf);
                position += n;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
