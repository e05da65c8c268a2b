package io.icebench.icecube.read;

import io.icebench.icecube.PulseBatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * parquet-hadoop's writer with the options other writers' files have (data pages v2, ZSTD or LZ4_RAW, no
 * dictionary so that v2 integers are DELTA_BINARY_PACKED, BYTE_STREAM_SPLIT doubles, small pages, many row groups),
 * and what the footer says the writer actually chose. The project's own writer ({@code ParquetFiles}) writes the
 * Kaggle files' settings only.
 *
 * @param version        PARQUET_1_0 writes data pages v1, PARQUET_2_0 pages v2 (and DELTA_BINARY_PACKED integers
 *                       when the dictionary is off)
 * @param pageSize       bytes per page, before compression
 * @param rowGroupSize   bytes per row group
 * @param optional       nullable columns (as pandas writes them) instead of required ones
 * @param widened        {@code sensor_id} as INT64, {@code time} as INT32 and {@code charge} as FLOAT: the
 *                       conversions the reader accepts
 */
record OtherWriter(WriterVersion version, CompressionCodecName codec, boolean dictionary, boolean byteStreamSplit,
                   int pageSize, long rowGroupSize, boolean optional, boolean widened) {

    static final int DEFAULT_PAGE_SIZE = ParquetWriter.DEFAULT_PAGE_SIZE;
    static final long DEFAULT_ROW_GROUP_SIZE = ParquetWriter.DEFAULT_BLOCK_SIZE;

    /** PLAIN, uncompressed, pages v1, required columns: the reference every other file must read back equal to. */
    static OtherWriter plainV1() {
        return new OtherWriter(WriterVersion.PARQUET_1_0, CompressionCodecName.UNCOMPRESSED, false, false,
                DEFAULT_PAGE_SIZE, DEFAULT_ROW_GROUP_SIZE, false, false);
    }

    OtherWriter v2() {
        return new OtherWriter(WriterVersion.PARQUET_2_0, codec, dictionary, byteStreamSplit, pageSize, rowGroupSize,
                optional, widened);
    }

    OtherWriter withCodec(CompressionCodecName value) {
        return new OtherWriter(version, value, dictionary, byteStreamSplit, pageSize, rowGroupSize, optional,
                widened);
    }

    OtherWriter withDictionary() {
        return new OtherWriter(version, codec, true, byteStreamSplit, pageSize, rowGroupSize, optional, widened);
    }

    OtherWriter withByteStreamSplit() {
        return new OtherWriter(version, codec, dictionary, true, pageSize, rowGroupSize, optional, widened);
    }

    OtherWriter withPageSize(int value) {
        return new OtherWriter(version, codec, dictionary, byteStreamSplit, value, rowGroupSize, optional, widened);
    }

    OtherWriter withRowGroupSize(long value) {
        return new OtherWriter(version, codec, dictionary, byteStreamSplit, pageSize, value, optional, widened);
    }

    OtherWriter withOptional() {
        return new OtherWriter(version, codec, dictionary, byteStreamSplit, pageSize, rowGroupSize, true, widened);
    }

    OtherWriter withWidened() {
        return new OtherWriter(version, codec, dictionary, byteStreamSplit, pageSize, rowGroupSize, optional, true);
    }

    @Override
    public String toString() {
        return (version == WriterVersion.PARQUET_2_0 ? "pages v2" : "pages v1") + ", " + codec
                + (dictionary ? ", dictionary" : "") + (byteStreamSplit ? ", BYTE_STREAM_SPLIT" : "")
                + (pageSize != DEFAULT_PAGE_SIZE ? ", " + pageSize + "-byte pages" : "")
                + (rowGroupSize != DEFAULT_ROW_GROUP_SIZE ? ", " + rowGroupSize + "-byte row groups" : "")
                + (optional ? ", optional" : ", required") + (widened ? ", widened types" : "");
    }

    /** Writes every row of {@code batch} to {@code file}. */
    void write(PulseBatch batch, Path file) throws IOException {
        MessageType schema = Types.buildMessage()
                .addField(field(widened ? PrimitiveTypeName.INT64 : PrimitiveTypeName.INT32, "sensor_id",
                        !widened))
                .addField(field(widened ? PrimitiveTypeName.INT32 : PrimitiveTypeName.INT64, "time", false))
                .addField(field(widened ? PrimitiveTypeName.FLOAT : PrimitiveTypeName.DOUBLE, "charge", false))
                .addField(field(PrimitiveTypeName.BOOLEAN, "auxiliary", false))
                .addField(field(PrimitiveTypeName.INT64, "event_id", false))
                .named("schema");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new Configuration(false))
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withWriterVersion(version)
                .withCompressionCodec(codec)
                .withDictionaryEncoding(dictionary)
                .withByteStreamSplitEncoding(byteStreamSplit)
                .withPageSize(pageSize)
                .withRowGroupSize(rowGroupSize)
                .build()) {
            for (int i = 0; i < batch.size(); i++) {
                Group row = groups.newGroup();
                if (widened) {
                    row.add("sensor_id", (long) batch.sensorId()[i]);
                    row.add("time", Math.toIntExact(batch.time()[i]));
                    row.add("charge", (float) batch.charge()[i]);
                } else {
                    row.add("sensor_id", (int) batch.sensorId()[i]);
                    row.add("time", batch.time()[i]);
                    row.add("charge", batch.charge()[i]);
                }
                row.add("auxiliary", batch.auxiliary()[i]);
                row.add("event_id", batch.eventId()[i]);
                writer.write(row);
            }
        }
    }

    private Type field(PrimitiveTypeName type, String name, boolean int16) {
        Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> builder = optional
                ? Types.optional(type) : Types.required(type);
        if (int16) {
            builder.as(LogicalTypeAnnotation.intType(16, true));
        }
        return builder.named(name);
    }

    /** What a file's footer says its writer chose, summed over row groups. */
    record Footer(int rowGroups, Map<String, CompressionCodecName> codecs, Map<String, Set<Encoding>> dataEncodings,
                  Map<String, Integer> dataPages, Map<DecodeRoute, Long> pagesByRoute, boolean v2Pages) {

        static Footer of(Path file) throws IOException {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                Map<String, CompressionCodecName> codecs = new TreeMap<>();
                Map<String, Set<Encoding>> encodings = new TreeMap<>();
                Map<String, Integer> pages = new TreeMap<>();
                Map<DecodeRoute, Long> routes = new EnumMap<>(DecodeRoute.class);
                boolean v2 = true;
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData chunk : block.getColumns()) {
                        String name = chunk.getPath().toDotString();
                        EncodingStats stats = chunk.getEncodingStats();
                        codecs.put(name, chunk.getCodec());
                        encodings.computeIfAbsent(name, n -> new HashSet<>()).addAll(stats.getDataEncodings());
                        v2 &= stats.usesV2Pages();
                        for (Encoding encoding : stats.getDataEncodings()) {
                            int count = stats.getNumDataPagesEncodedAs(encoding);
                            pages.merge(name, count, Integer::sum);
                            routes.merge(route(encoding, chunk.getPrimitiveType().getPrimitiveTypeName()),
                                    (long) count, Long::sum);
                        }
                    }
                }
                return new Footer(reader.getFooter().getBlocks().size(), codecs, encodings, pages, routes, v2);
            }
        }

        /** The route the reader should take for pages of {@code encoding}. */
        private static DecodeRoute route(Encoding encoding, PrimitiveTypeName type) {
            return switch (encoding) {
                case PLAIN -> DecodeRoute.PLAIN;
                case PLAIN_DICTIONARY, RLE_DICTIONARY -> DecodeRoute.DICTIONARY;
                case RLE -> type == PrimitiveTypeName.BOOLEAN ? DecodeRoute.RLE_BOOLEANS : DecodeRoute.VALUES_READER;
                case DELTA_BINARY_PACKED -> DecodeRoute.DELTA_BINARY_PACKED;
                case BYTE_STREAM_SPLIT -> DecodeRoute.BYTE_STREAM_SPLIT;
                default -> DecodeRoute.VALUES_READER;
            };
        }
    }
}
