package io.icebench.icecube.parquet;

import io.icebench.icecube.Column;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.Layout;
import io.icebench.icecube.PulseBatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/**
 * Writes batch and meta files in the Kaggle layout with parquet-hadoop, straight from primitive arrays: the
 * write support's record is a row index, so no object is made per pulse.
 */
public final class ParquetFiles {

    private ParquetFiles() {
    }

    /** Writes the columns {@code options.columnOrder()} names, in that order; every one must be present in the batch. */
    public static void writeBatch(Path file, PulseBatch batch, WriteOptions options) throws IOException {
        writeBatch(new LocalOutputFile(file), batch, options);
    }

    /** As {@link #writeBatch(Path, PulseBatch, WriteOptions)}, to any parquet output (a Hadoop file system's). */
    public static void writeBatch(OutputFile file, PulseBatch batch, WriteOptions options) throws IOException {
        List<Column> columns = options.columnOrder();
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (Column column : columns) {
            schema.addField(batchField(column, options));
        }
        MessageType type = schema.named("schema");
        RowWriter rows = (consumer, row) -> {
            for (int field = 0; field < columns.size(); field++) {
                Column column = columns.get(field);
                consumer.startField(column.columnName(), field);
                switch (column) {
                    case SENSOR_ID -> consumer.addInteger(batch.sensorId()[row]);
                    case TIME -> consumer.addLong(batch.time()[row]);
                    case CHARGE -> consumer.addDouble(batch.charge()[row]);
                    case AUXILIARY -> consumer.addBoolean(batch.auxiliary()[row]);
                    case EVENT_ID -> consumer.addLong(batch.eventId()[row]);
                }
                consumer.endField(column.columnName(), field);
            }
        };
        write(file, type, rows, batch.size(), options);
    }

    /** Writes a meta file; angles only when the meta has them (the test split has none). */
    public static void writeMeta(Path file, EventMeta meta, WriteOptions options) throws IOException {
        writeMeta(new LocalOutputFile(file), meta, options);
    }

    /** As {@link #writeMeta(Path, EventMeta, WriteOptions)}, to any parquet output (a Hadoop file system's). */
    public static void writeMeta(OutputFile file, EventMeta meta, WriteOptions options) throws IOException {
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (String name : metaColumns(meta)) {
            PrimitiveTypeName primitive = name.equals(Layout.META_AZIMUTH) || name.equals(Layout.META_ZENITH)
                    ? PrimitiveTypeName.DOUBLE : PrimitiveTypeName.INT64;
            schema.addField(options.optional() ? Types.optional(primitive).named(name)
                    : Types.required(primitive).named(name));
        }
        MessageType type = schema.named("schema");
        List<String> names = metaColumns(meta);
        RowWriter rows = (consumer, row) -> {
            for (int field = 0; field < names.size(); field++) {
                String name = names.get(field);
                consumer.startField(name, field);
                switch (name) {
                    case Layout.META_BATCH_ID -> consumer.addLong(meta.batchId()[row]);
                    case Layout.META_EVENT_ID -> consumer.addLong(meta.eventId()[row]);
                    case Layout.META_FIRST_PULSE -> consumer.addLong(meta.firstPulse()[row]);
                    case Layout.META_LAST_PULSE -> consumer.addLong(meta.lastPulse()[row]);
                    case Layout.META_AZIMUTH -> consumer.addDouble(meta.azimuth()[row]);
                    default -> consumer.addDouble(meta.zenith()[row]);
                }
                consumer.endField(name, field);
            }
        };
        write(file, type, rows, meta.size(), options);
    }

    private static List<String> metaColumns(EventMeta meta) {
        return meta.hasAngles()
                ? List.of(Layout.META_BATCH_ID, Layout.META_EVENT_ID, Layout.META_FIRST_PULSE, Layout.META_LAST_PULSE,
                        Layout.META_AZIMUTH, Layout.META_ZENITH)
                : List.of(Layout.META_BATCH_ID, Layout.META_EVENT_ID, Layout.META_FIRST_PULSE, Layout.META_LAST_PULSE);
    }

    private static Type batchField(Column column, WriteOptions options) {
        Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> builder = switch (column) {
            case SENSOR_ID -> primitive(PrimitiveTypeName.INT32, options);
            case TIME, EVENT_ID -> primitive(PrimitiveTypeName.INT64, options);
            case CHARGE -> primitive(PrimitiveTypeName.DOUBLE, options);
            case AUXILIARY -> primitive(PrimitiveTypeName.BOOLEAN, options);
        };
        if (column == Column.SENSOR_ID && options.sensorIdInt16()) {
            builder.as(LogicalTypeAnnotation.intType(16, true));
        }
        return builder.named(column.columnName());
    }

    private static Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> primitive(PrimitiveTypeName name,
                                                                                            WriteOptions options) {
        return options.optional() ? Types.optional(name) : Types.required(name);
    }

    /** Writes one row: the fields between startMessage and endMessage. */
    @FunctionalInterface
    private interface RowWriter {
        void write(RecordConsumer consumer, int row);
    }

    private static void write(OutputFile output, MessageType schema, RowWriter rows, int count,
                              WriteOptions options) throws IOException {
        try (ParquetWriter<Integer> writer = new Builder(output, schema, rows)
                .withConf(new Configuration(false))
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(options.codec())
                .withDictionaryEncoding(options.dictionary())
                .withRowGroupRowCountLimit(options.rowGroupRows())
                .withRowGroupSize(Long.MAX_VALUE)
                .withWriterVersion(options.pageV2() ? ParquetProperties.WriterVersion.PARQUET_2_0
                        : ParquetProperties.WriterVersion.PARQUET_1_0)
                .build()) {
            for (int row = 0; row < count; row++) {
                writer.write(row);
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final MessageType schema;
        private final RowWriter rows;

        Builder(OutputFile file, MessageType schema, RowWriter rows) {
            super(file);
            this.schema = schema;
            this.rows = rows;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return new WriteSupport<>() {
                private RecordConsumer consumer;

                @Override
                public WriteContext init(Configuration configuration) {
                    return new WriteContext(schema, new HashMap<>());
                }

                @Override
                public void prepareForWrite(RecordConsumer recordConsumer) {
                    this.consumer = recordConsumer;
                }

                @Override
                public void write(Integer row) {
                    consumer.startMessage();
                    rows.write(consumer, row);
                    consumer.endMessage();
                }
            };
        }
    }

    /** The codec names accepted on the command line and in tests. */
    public static CompressionCodecName codec(String name) {
        return CompressionCodecName.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
