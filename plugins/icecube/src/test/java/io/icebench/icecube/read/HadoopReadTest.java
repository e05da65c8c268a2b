package io.icebench.icecube.read;

import io.icebench.icecube.Column;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.icecube.storage.HadoopConf;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Hadoop path of the reader (positioned reads over an {@code FSDataInputStream}) gives back what the memory
 * mapped path gives, column for column: here through Hadoop's LocalFileSystem, forced for a {@code file:} URI.
 */
class HadoopReadTest {

    @TempDir
    static Path temp;
    static Path dir;
    static final Configuration CONF = HadoopConf.configuration(null, new Properties());

    @BeforeAll
    static void generate() throws Exception {
        dir = Files.createDirectory(temp.resolve("data"));
        DatasetGenerator.generate(GeneratorSettings.of(3_000, 1_000, 7).withForcedExtremeEvents(1), dir, n -> { });
    }

    @Test
    void everyColumnOfEveryBatchSumsAsTheMappedReadDoes() {
        Dataset mapped = Dataset.open(dir.toUri());
        Dataset hadoop = Dataset.openWithHadoop(dir.toUri(), null, CONF);

        assertThat(mapped.isLocal()).isTrue();
        assertThat(hadoop.isLocal()).isFalse();
        assertThat(hadoop.batchIds()).isEqualTo(mapped.batchIds()).containsExactly(1, 2, 3);
        assertThat(hadoop.batchLocation(2).toString()).startsWith("file:").endsWith("/data/train/batch_2.parquet");
        assertThat(hadoop.geometry().xs()).isEqualTo(mapped.geometry().xs());
        for (int id : mapped.batchIds()) {
            PulseBatch local = mapped.readBatch(id, EnumSet.allOf(Column.class), 2);
            PulseBatch remote = hadoop.readBatch(id, EnumSet.allOf(Column.class), 2);
            assertThat(sums(remote)).isEqualTo(sums(local));
            assertThat(remote.charge()).isEqualTo(local.charge());
            assertThat(remote.sensorId()).isEqualTo(local.sensorId());
        }
        EventMeta local = mapped.meta();
        EventMeta remote = hadoop.meta();
        assertThat(remote.eventId()).isEqualTo(local.eventId());
        assertThat(remote.lastPulse()).isEqualTo(local.lastPulse());
        assertThat(remote.zenith()).isEqualTo(local.zenith());
        assertThat(hadoop.events(2, 10, 20).pulses().size())
                .isEqualTo(mapped.events(2, 10, 20).pulses().size());
    }

    @Test
    void eachColumnChunkIsOnePositionedReadOfTheWholeChunk() throws Exception {
        FileSystem fs = FileSystem.get(dir.toUri(), CONF);
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("train/batch_1.parquet").toUri());
        try (ColumnarFile parquet = ColumnarFile.open(DataFile.remote(fs, file, -1), "batch file")) {
            StreamInputFile input = (StreamInputFile) parquet.input();
            long readsBefore = input.reads();
            long bytesBefore = input.bytesRead();
            List<ColumnarFile.Request> requests = new ArrayList<>();
            long chunkBytes = 0;
            int rows = (int) parquet.rows();
            for (Column column : Set.of(Column.CHARGE, Column.TIME)) {
                Target.Kind kind = column == Column.CHARGE ? Target.Kind.DOUBLE : Target.Kind.LONG;
                requests.add(new ColumnarFile.Request(parquet.column(column.columnName(), kind, "x"),
                        Target.allocate(column.columnName(), kind, rows)));
            }
            parquet.read(requests, 2, 0, parquet.rowGroups());
            assertThat(input.reads() - readsBefore).isEqualTo((long) parquet.rowGroups() * requests.size());
            assertThat(input.bytesRead() - bytesBefore).isLessThan(input.length());
        }
    }

    @Test
    void aRemoteDatasetCountsTheBytesItFetchedAndAProjectionFetchesLess() throws Exception {
        Dataset hadoop = Dataset.openWithHadoop(dir.toUri(), null, CONF);
        hadoop.meta();
        long length = Files.size(dir.resolve("train/batch_1.parquet"));
        long before = hadoop.bytesFetched();
        hadoop.readBatch(1, EnumSet.of(Column.CHARGE), 2);
        long charge = hadoop.bytesFetched() - before;
        before = hadoop.bytesFetched();
        long readsBefore = hadoop.readsIssued();
        hadoop.readBatch(1, EnumSet.allOf(Column.class), 2);
        long all = hadoop.bytesFetched() - before;

        assertThat(charge).isPositive().isLessThan(all / 2);
        // Every column's chunks, plus the footer read once more to parse it: about the file, never much more.
        assertThat(all).isBetween(length * 9 / 10, length + 16 * 1024);
        assertThat(hadoop.readsIssued() - readsBefore).isLessThan(20);
        assertThat(Dataset.open(dir).bytesFetched()).isZero();
    }

    @Test
    void theGeneratorWritesThroughHadoopTheFilesItWritesLocally() {
        var out = temp.resolve("through-hadoop").toUri();
        DatasetGenerator.generate(GeneratorSettings.of(3_000, 1_000, 7).withForcedExtremeEvents(1), out, CONF,
                n -> { });
        Dataset written = Dataset.open(out);
        Dataset local = Dataset.open(dir);
        assertThat(written.batchIds()).isEqualTo(local.batchIds());
        for (int id : local.batchIds()) {
            assertThat(sums(written.readBatch(id, EnumSet.allOf(Column.class), 1)))
                    .isEqualTo(sums(local.readBatch(id, EnumSet.allOf(Column.class), 1)));
        }
        assertThat(written.meta().azimuth()).isEqualTo(local.meta().azimuth());
        assertThat(written.geometry().zs()).isEqualTo(local.geometry().zs());
    }

    @Test
    void aMissingRemoteFolderIsOneLineNamingTheUri() {
        var missing = temp.resolve("nowhere").toUri();
        assertThatThrownBy(() -> Dataset.openWithHadoop(missing, null, CONF))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessage("'" + missing + "': dataset folder does not exist; check the URI")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    static double[] sums(PulseBatch batch) {
        double sensor = 0;
        double time = 0;
        double charge = 0;
        double auxiliary = 0;
        double event = 0;
        for (int i = 0; i < batch.size(); i++) {
            sensor += batch.sensorId()[i];
            time += batch.time()[i];
            charge += batch.charge()[i];
            auxiliary += batch.auxiliary()[i] ? 1 : 0;
            event += batch.eventId()[i];
        }
        return new double[] {batch.size(), sensor, time, charge, auxiliary, event};
    }
}
