package io.icebench.icecube.read;

import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

import java.io.IOException;

/**
 * What the decoding threads of one read share about the open file: where it is (for messages), what it is in the
 * layout, the positioned reads it is decoded from, and its footer, parsed once.
 *
 * <p>Everything here is safe to share: {@link PositionedFile} reads by position and the footer is not changed
 * after parsing. What is not thread-safe (parquet-hadoop's reader and its codec caches) each thread builds for
 * itself with {@link #newReader}.
 *
 * @param role what the file is in the layout ("batch file", "meta file"), for messages
 */
record ReadContext(DataFile file, String role, PositionedFile input, ParquetMetadata footer) {

    /** A parquet reader of its own for one thread, decompressing through that thread's {@code codecs}. */
    ParquetFileReader newReader(CompressionCodecFactory codecs) throws IOException {
        return new ParquetFileReader(input, footer, ColumnarFile.options(codecs), input.newStream());
    }
}
