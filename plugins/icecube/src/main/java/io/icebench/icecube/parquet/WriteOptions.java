package io.icebench.icecube.parquet;

import io.icebench.icecube.Column;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.util.List;

/**
 * How {@link ParquetFiles} writes a batch file. {@link #kaggle()} mimics the real files (pyarrow from pandas:
 * optional columns, {@code sensor_id} as INT32 with an INT(16) annotation, {@code event_id} last, snappy,
 * dictionary encoding); the other settings exist so tests can prove the reader does not depend on them.
 *
 * @param codec           compression
 * @param dictionary      dictionary encoding where parquet-mr finds it worthwhile
 * @param rowGroupRows    rows per row group (pyarrow's default since version 15 is 1,048,576)
 * @param columnOrder     the batch columns in file order; a subset writes only those
 * @param optional        optional (nullable, as pandas writes) or required columns
 * @param sensorIdInt16   annotate {@code sensor_id} as INT(16); false writes plain INT32
 * @param pageV2          data page version 2 instead of 1
 */
public record WriteOptions(CompressionCodecName codec, boolean dictionary, int rowGroupRows,
                           List<Column> columnOrder, boolean optional, boolean sensorIdInt16, boolean pageV2) {

    public static final int DEFAULT_ROW_GROUP_ROWS = 1 << 20;

    public WriteOptions {
        columnOrder = List.copyOf(columnOrder);
        if (rowGroupRows < 1) {
            throw new IllegalArgumentException("rowGroupRows must be positive");
        }
    }

    public static WriteOptions kaggle() {
        return new WriteOptions(CompressionCodecName.SNAPPY, true, DEFAULT_ROW_GROUP_ROWS,
                List.of(Column.SENSOR_ID, Column.TIME, Column.CHARGE, Column.AUXILIARY, Column.EVENT_ID),
                true, true, false);
    }

    public WriteOptions withCodec(CompressionCodecName value) {
        return new WriteOptions(value, dictionary, rowGroupRows, columnOrder, optional, sensorIdInt16, pageV2);
    }

    public WriteOptions withDictionary(boolean value) {
        return new WriteOptions(codec, value, rowGroupRows, columnOrder, optional, sensorIdInt16, pageV2);
    }

    public WriteOptions withRowGroupRows(int value) {
        return new WriteOptions(codec, dictionary, value, columnOrder, optional, sensorIdInt16, pageV2);
    }

    public WriteOptions withColumnOrder(List<Column> value) {
        return new WriteOptions(codec, dictionary, rowGroupRows, value, optional, sensorIdInt16, pageV2);
    }

    public WriteOptions withOptional(boolean value) {
        return new WriteOptions(codec, dictionary, rowGroupRows, columnOrder, value, sensorIdInt16, pageV2);
    }

    public WriteOptions withSensorIdInt16(boolean value) {
        return new WriteOptions(codec, dictionary, rowGroupRows, columnOrder, optional, value, pageV2);
    }

    public WriteOptions withPageV2(boolean value) {
        return new WriteOptions(codec, dictionary, rowGroupRows, columnOrder, optional, sensorIdInt16, value);
    }
}
