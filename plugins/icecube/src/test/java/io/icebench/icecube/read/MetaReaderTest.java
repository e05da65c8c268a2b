package io.icebench.icecube.read;

import io.icebench.icecube.EventMeta;
import io.icebench.icecube.parquet.ParquetFiles;
import io.icebench.icecube.parquet.WriteOptions;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MetaReaderTest {

    @TempDir
    Path dir;

    @Test
    void trainMetaReadsBackWithItsAngles() throws IOException {
        EventMeta written = TestData.batch(20_000, 1).meta(7, true, 99);
        Path file = dir.resolve("train_meta.parquet");
        ParquetFiles.writeMeta(file, written, WriteOptions.kaggle().withRowGroupRows(100));

        EventMeta read = MetaReader.read(file);

        assertSameMeta(read, written);
        assertThat(read.hasAngles()).isTrue();
        assertThat(read.azimuth()).isEqualTo(written.azimuth());
        assertThat(read.zenith()).isEqualTo(written.zenith());
    }

    @Test
    void testMetaHasNoAngles() throws IOException {
        EventMeta written = TestData.batch(3_000, 2).meta(1, false, 0);
        Path file = dir.resolve("test_meta.parquet");
        ParquetFiles.writeMeta(file, written, WriteOptions.kaggle().withOptional(false)
                .withCodec(CompressionCodecName.ZSTD));

        EventMeta read = MetaReader.read(file, 1);

        assertSameMeta(read, written);
        assertThat(read.hasAngles()).isFalse();
        assertThat(read.azimuth()).isNull();
        assertThat(read.zenith()).isNull();
    }

    @Test
    void metaWrittenByDuckDbWithIntegerIndicesReadsBack() throws IOException {
        EventMeta written = TestData.batch(10_000, 4).meta(3, true, 5);
        Path source = dir.resolve("source_meta.parquet");
        ParquetFiles.writeMeta(source, written, WriteOptions.kaggle());
        Path file = dir.resolve("duck_meta.parquet");
        // pandas from a CSV might well give int32 indices; the reader widens them.
        TestData.duckdbCopy(source, file, "SELECT zenith, azimuth, CAST(last_pulse_index AS INTEGER) AS "
                + "last_pulse_index, CAST(first_pulse_index AS INTEGER) AS first_pulse_index, event_id, batch_id "
                + "FROM {src}", "ROW_GROUP_SIZE 2048");

        EventMeta read = MetaReader.read(file, 2);

        assertSameMeta(read, written);
        assertThat(read.azimuth()).isEqualTo(written.azimuth());
    }

    @Test
    void rowsOfBatchFindsEachBatchsEventsInAMultiBatchMetaFile() throws IOException {
        EventMeta one = TestData.batch(2_000, 1).meta(1, true, 1);
        EventMeta two = TestData.batch(3_000, 2).meta(2, true, 2);
        EventMeta ten = TestData.batch(1_000, 3).meta(10, true, 3);
        Path file = dir.resolve("train_meta.parquet");
        ParquetFiles.writeMeta(file, concat(one, two, ten), WriteOptions.kaggle().withRowGroupRows(50));

        EventMeta read = MetaReader.read(file);

        assertThat(read.size()).isEqualTo(one.size() + two.size() + ten.size());
        assertThat(read.rowsOfBatch(1)).containsExactly(0, one.size());
        assertThat(read.rowsOfBatch(2)).containsExactly(one.size(), one.size() + two.size());
        assertThat(read.rowsOfBatch(10)).containsExactly(one.size() + two.size(), read.size());
        assertThat(read.rowsOfBatch(5)[0]).isEqualTo(read.rowsOfBatch(5)[1]);
        int firstOfTwo = one.size();
        assertThat(read.firstPulse()[firstOfTwo]).isZero();
        assertThat(read.eventId()[firstOfTwo]).isEqualTo(two.eventId()[0]);
        assertThat(read.pulses(firstOfTwo)).isEqualTo(two.pulses(0));
    }

    static EventMeta concat(EventMeta... parts) {
        int n = 0;
        for (EventMeta part : parts) {
            n += part.size();
        }
        long[] batch = new long[n];
        long[] event = new long[n];
        long[] first = new long[n];
        long[] last = new long[n];
        boolean angles = parts[0].hasAngles();
        double[] azimuth = angles ? new double[n] : null;
        double[] zenith = angles ? new double[n] : null;
        int at = 0;
        for (EventMeta part : parts) {
            int size = part.size();
            System.arraycopy(part.batchId(), 0, batch, at, size);
            System.arraycopy(part.eventId(), 0, event, at, size);
            System.arraycopy(part.firstPulse(), 0, first, at, size);
            System.arraycopy(part.lastPulse(), 0, last, at, size);
            if (angles) {
                System.arraycopy(part.azimuth(), 0, azimuth, at, size);
                System.arraycopy(part.zenith(), 0, zenith, at, size);
            }
            at += size;
        }
        return new EventMeta(batch, event, first, last, azimuth, zenith);
    }

    private static void assertSameMeta(EventMeta read, EventMeta written) {
        assertThat(read.size()).isEqualTo(written.size());
        assertThat(read.batchId()).isEqualTo(written.batchId());
        assertThat(read.eventId()).isEqualTo(written.eventId());
        assertThat(read.firstPulse()).isEqualTo(written.firstPulse());
        assertThat(read.lastPulse()).isEqualTo(written.lastPulse());
    }
}
