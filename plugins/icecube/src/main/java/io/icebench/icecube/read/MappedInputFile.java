package io.icebench.icecube.read;


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

    @Override
    public void read(long at, ByteBuffer dst) throws EOFException {
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
    public String toString() {
        return path.toString();
    }
}
