package io.icebench.plugins.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The physical limit a parquet reader is compared with: the file's bytes read front to back with nothing else done,
 * through one reused direct buffer (so the kernel copies straight into it and no Java heap is touched).
 * Not thread-safe: one per run.
 */
final class RawReader {

    static final int CHUNK_BYTES = 8 << 20;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_BYTES);

    /** Reads the whole file and returns the number of bytes read. */
    long read(Path file) throws IOException {
        long total = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    return total;
                }
                total += n;
            }
        }
    }
}
