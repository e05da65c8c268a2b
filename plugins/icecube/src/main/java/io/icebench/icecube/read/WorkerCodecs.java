package io.icebench.icecube.read;

import com.github.luben.zstd.ZstdDecompressCtx;
import io.airlift.compress.lz4.Lz4Decompressor;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;

/**
 * Decompression for one worker thread.
 *
 * <p>Why not parquet's {@code CodecFactory}: it caches one stateful decompressor per codec and returns a lazy
 * stream, so it cannot be shared by threads, and its snappy path copies each page through direct buffers twice.
 * Here snappy, zstd and LZ4_RAW decompress array to array in one call (zstd through one reused native context,
 * LZ4_RAW through aircompressor's pure-Java block decompressor, which parquet-hadoop itself uses for it), into one
 * output buffer reused for every page the worker decodes: a page is decoded completely before the worker
 * decompresses the next one. GZIP inflates straight into that buffer. Codecs without a direct path (the
 * deprecated Hadoop-framed LZ4, BROTLI, LZO) fall back to a private parquet {@code CodecFactory}, which allocates
 * a page's bytes anew ({@link DecodeRoute#CODEC_FACTORY} counts those pages).
 *
 * <p>The worker's {@link DeltaBinaryPacked} decoder lives here too: like the output buffer, its scratch arrays are
 * per thread and reused for every page.
 *
 * <p>Decompression is deferred: the factory handed to parquet's page reader ({@link #deferring()}) only notes the
 * codec and size of the page it was asked for and passes the compressed bytes through. The thread that decodes
 * the page later decompresses it with {@link #decompress}. That way one thread can list the pages of a big column
 * chunk and several threads can decompress and decode them.
 */
final class WorkerCodecs implements CompressionCodecFactory {

    private byte[] scratch = new byte[0];
    private ZstdDecompressCtx zstd;
    private Lz4Decompressor lz4;
    private CodecFactory fallback;
    private DeltaBinaryPacked delta;

    /** The page that the deferring decompressor passed through last, with what it takes to decompress it. */
    private BytesInput deferredBytes;
    private CompressionCodecName deferredCodec;
    private int deferredSize;

    /** The factory for parquet's page reader: it records instead of decompressing. */
    CompressionCodecFactory deferring() {
        return this;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        throw new UnsupportedOperationException("the reader never compresses");
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int decompressedSize) {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                // A new object, so that its identity marks this page among the ones parquet passes straight on.
                BytesInput passed = BytesInput.from(heap(bytes));
                deferredBytes = passed;
                deferredCodec = codec;
                deferredSize = decompressedSize;
                return passed;
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize) {
                throw new UnsupportedOperationException("pages are read on the heap");
            }

            @Override
            public void release() {
            }
        };
    }

    /**
     * What is needed to decompress {@code bytes} later, if they are what the deferring decompressor passed through
     * last; {@code null} when they are not compressed. Call right after parquet returned the page.
     */
    Deferred takeDeferred(BytesInput bytes) {
        Deferred result = bytes == deferredBytes && bytes != null
                ? new Deferred(deferredCodec, deferredSize) : null;
        deferredBytes = null;
        return result;
    }

    /** The codec and decompressed size of a page whose decompression was deferred. */
    record Deferred(CompressionCodecName codec, int size) {
    }

    /**
     * The bytes of a page as a heap buffer: decompressed into this worker's reused buffer when {@code deferred}
     * says they are compressed. The result is valid until the next call.
     */
    ByteBuffer bytes(BytesInput input, Deferred deferred) throws IOException {
        ByteBuffer in = heap(input);
        if (deferred == null) {
            return in;
        }
        int size = deferred.size();
        byte[] src = in.array();
        int srcOff = in.arrayOffset() + in.position();
        int srcLen = in.remaining();
        byte[] out = scratch(size);
        int produced = switch (deferred.codec()) {
            case SNAPPY -> Snappy.uncompress(src, srcOff, srcLen, out, 0);
            case ZSTD -> zstd().decompressByteArray(out, 0, size, src, srcOff, srcLen);
            case LZ4_RAW -> lz4().decompress(src, srcOff, srcLen, out, 0, size);
            case GZIP -> gunzip(src, srcOff, srcLen, out, size);
            default -> fallback(deferred.codec(), in, out, size);
        };
        if (produced != size) {
            throw new IOException(deferred.codec() + " page decompressed to " + produced + " bytes, its header "
                    + "says " + size);
        }
        return ByteBuffer.wrap(out, 0, size);
    }

    private int fallback(CompressionCodecName codec, ByteBuffer in, byte[] out, int size) throws IOException {
        DecodeRoute.CODEC_FACTORY.count();
        if (fallback == null) {
            fallback = new CodecFactory(new Configuration(false), 0);
        }
        byte[] result = fallback.getDecompressor(codec).decompress(BytesInput.from(in), size).toByteArray();
        System.arraycopy(result, 0, out, 0, Math.min(size, result.length));
        return result.length;
    }

    @Override
    public void release() {
        if (zstd != null) {
            zstd.close();
            zstd = null;
        }
        if (fallback != null) {
            fallback.release();
            fallback = null;
        }
        scratch = new byte[0];
        lz4 = null;
        delta = null;
    }

    private byte[] scratch(int size) {
        if (scratch.length < size) {
            // Headroom so a slightly larger page later does not reallocate again.
            scratch = new byte[Math.max(size, (int) Math.min(Integer.MAX_VALUE - 16, size + (size >>> 3)))];
        }
        return scratch;
    }

    /** The bytes as a heap buffer, without a copy when they already are one. */
    static ByteBuffer heap(BytesInput input) {
        try {
            ByteBuffer buffer = input.toByteBuffer();
            if (buffer.hasArray()) {
                return buffer;
            }
            byte[] copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            return ByteBuffer.wrap(copy);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** This worker's DELTA_BINARY_PACKED decoder, with its reused scratch arrays. */
    DeltaBinaryPacked delta() {
        if (delta == null) {
            delta = new DeltaBinaryPacked();
        }
        return delta;
    }

    private Lz4Decompressor lz4() {
        if (lz4 == null) {
            lz4 = new Lz4Decompressor();
        }
        return lz4;
    }

    private ZstdDecompressCtx zstd() {
        if (zstd == null) {
            zstd = new ZstdDecompressCtx();
        }
        return zstd;
    }

    private static int gunzip(byte[] src, int off, int len, byte[] out, int size) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(src, off, len), 64 * 1024)) {
            int produced = in.readNBytes(out, 0, size);
            if (in.read() != -1) {
                throw new IOException("GZIP page holds more than the " + size + " bytes its header says");
            }
            return produced;
        }
    }
}
