package io.icebench.icecube.read;

import io.icebench.icecube.Column;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.Geometry;
import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.Layout;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.Split;
import io.icebench.icecube.parquet.ParquetFiles;
import io.icebench.icecube.parquet.WriteOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.icebench.icecube.read.TestData.assertSamePulses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetTest {

    private static final Set<Column> ALL = EnumSet.allOf(Column.class);

    @TempDir
    Path dir;
    /** Batch ids 1, 2 and 10: 10 after 2 proves the ids sort as numbers, not names. */
    private final Map<Integer, TestData.Batch> batches = new LinkedHashMap<>();

    @BeforeEach
    void writeATrainDataset() throws IOException {
        batches.put(1, TestData.batch(3_000, 1));
        batches.put(2, TestData.batch(4_000, 2));
        batches.put(10, TestData.batch(2_500, 3));
        writeDataset(dir, Split.TRAIN, batches);
    }

    private static void writeDataset(Path root, Split split, Map<Integer, TestData.Batch> batches)
            throws IOException {
        Files.createDirectories(root.resolve(split.folder()));
        List<EventMeta> metas = new ArrayList<>();
        for (Map.Entry<Integer, TestData.Batch> entry : batches.entrySet()) {
            ParquetFiles.writeBatch(Layout.batchFile(root, split, entry.getKey()), entry.getValue().pulses(),
                    WriteOptions.kaggle().withRowGroupRows(500));
            metas.add(entry.getValue().meta(entry.getKey(), split.hasAngles(), entry.getKey()));
        }
        ParquetFiles.writeMeta(Layout.metaFile(root, split), MetaReaderTest.concat(metas.toArray(EventMeta[]::new)),
                WriteOptions.kaggle());
        Geometry.writeEmbedded(root.resolve(Layout.GEOMETRY_FILE));
    }

    @Test
    void openingAFolderFindsItsSplitBatchesMetaAndGeometry() {
        Dataset dataset = Dataset.open(dir);

        assertThat(dataset.split()).isEqualTo(Split.TRAIN);
        assertThat(dataset.batchIds()).containsExactly(1, 2, 10);
        assertThat(dataset.batchFile(10)).isEqualTo(dir.resolve("train").resolve("batch_10.parquet"));
        assertThat(dataset.geometry()).isEqualTo(Geometry.embedded());
        assertThat(dataset.meta()).isSameAs(dataset.meta());
        assertThat(dataset.meta().hasAngles()).isTrue();
        assertThat(dataset.meta().size()).isEqualTo(batches.values().stream().mapToInt(TestData.Batch::events).sum());
        assertThat(dataset.eventCount(2)).isEqualTo(batches.get(2).events());
        assertThat(dataset.eventCount(5)).isZero();
    }

    @Test
    void readingABatchGivesItsPulsesAndEventBoundaries() {
        Dataset dataset = Dataset.open(dir);
        TestData.Batch two = batches.get(2);

        LoadedBatch loaded = dataset.load(2, ALL, 2);

        assertSamePulses(loaded.pulses(), two.pulses());
        assertSamePulses(dataset.readBatch(2, ALL, 1), two.pulses());
        assertThat(loaded.batchId()).isEqualTo(2);
        assertThat(loaded.eventCount()).isEqualTo(two.events());
        assertThat(loaded.eventStarts()).isEqualTo(two.starts());
        assertThat(loaded.eventIds()).isEqualTo(two.eventIds());
        int last = loaded.eventCount() - 1;
        assertThat(loaded.end(last)).isEqualTo(two.pulses().size());
        // Every pulse of an event carries that event's id in the batch file.
        for (int e = 0; e < loaded.eventCount(); e++) {
            for (int i = loaded.start(e); i < loaded.end(e); i++) {
                assertThat(loaded.pulses().eventId()[i]).isEqualTo(loaded.eventId(e));
            }
        }
    }

    @Test
    void aRangeOfEventsIsAViewIntoTheRowGroupsThatHoldThem() {
        Dataset dataset = Dataset.open(dir);
        TestData.Batch two = batches.get(2);
        int from = 10;
        int to = 17;

        EventSlice slice = dataset.events(2, from, to, ALL, 2);

        assertThat(slice.size()).isEqualTo(to - from);
        assertThat(slice.pulses().size()).isLessThan(two.pulses().size());
        for (int k = 0; k < slice.size(); k++) {
            int event = from + k;
            assertThat(slice.eventId(k)).isEqualTo(two.eventIds()[event]);
            assertThat(slice.pulseCount(k)).isEqualTo(two.starts()[event + 1] - two.starts()[event]);
            long firstRow = slice.batch().firstPulse() + slice.start(k);
            assertThat(firstRow).isEqualTo(two.starts()[event]);
            for (int i = 0; i < slice.pulseCount(k); i++) {
                assertThat(slice.pulses().time()[slice.start(k) + i])
                        .isEqualTo(two.pulses().time()[two.starts()[event] + i]);
                assertThat(slice.pulses().sensorId()[slice.start(k) + i])
                        .isEqualTo(two.pulses().sensorId()[two.starts()[event] + i]);
            }
        }
        assertThat(slice.totalPulses()).isEqualTo(two.starts()[to] - two.starts()[from]);
    }

    @Test
    void slicingALoadedBatchSharesItsArrays() {
        LoadedBatch loaded = Dataset.open(dir).load(1, Column.modelInputs(), 1);

        EventSlice slice = loaded.events(3, 5);

        assertThat(slice.pulses()).isSameAs(loaded.pulses());
        assertThat(slice.start(0)).isEqualTo(batches.get(1).starts()[3]);
        assertThat(slice.end(1)).isEqualTo(batches.get(1).starts()[5]);
        assertThatThrownBy(() -> slice.start(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void forEachBatchVisitsTheBatchesInIdOrderWithTheirSizes() {
        List<Integer> ids = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Integer> events = new ArrayList<>();

        Dataset.open(dir).forEachBatch(EnumSet.of(Column.TIME), 2, loaded -> {
            ids.add(loaded.batchId());
            sizes.add(loaded.pulses().size());
            events.add(loaded.eventCount());
            assertThat(loaded.pulses().has(Column.CHARGE)).isFalse();
        });

        assertThat(ids).containsExactly(1, 2, 10);
        assertThat(sizes).containsExactly(batches.get(1).pulses().size(), batches.get(2).pulses().size(),
                batches.get(10).pulses().size());
        assertThat(events).containsExactly(batches.get(1).events(), batches.get(2).events(),
                batches.get(10).events());
    }

    @Test
    void theIteratorReadsOneBatchPerStep() {
        Iterator<LoadedBatch> iterator = Dataset.open(dir).iterator(Column.modelInputs(), 1);

        PulseBatch first = iterator.next().pulses();
        assertThat(first.time()).isEqualTo(batches.get(1).pulses().time());
        assertThat(iterator.next().batchId()).isEqualTo(2);
        assertThat(iterator.next().batchId()).isEqualTo(10);
        assertThat(iterator.hasNext()).isFalse();
    }

    @Test
    void aTestSplitOpensWithAMetaFileWithoutAngles() throws IOException {
        Path root = dir.resolve("kaggle-test");
        writeDataset(root, Split.TEST, Map.of(5, TestData.batch(1_000, 9)));

        Dataset dataset = Dataset.open(root);

        assertThat(dataset.split()).isEqualTo(Split.TEST);
        assertThat(dataset.meta().hasAngles()).isFalse();
        assertThat(dataset.load(5, ALL, 1).eventCount()).isEqualTo(dataset.meta().size());
    }

    @Test
    void metaIndicesThatDoNotMatchTheBatchAreReported() throws IOException {
        // The meta of batch 2 claims one pulse fewer than the batch file holds.
        TestData.Batch two = batches.get(2);
        EventMeta meta = MetaReaderTest.concat(batches.get(1).meta(1, true, 1), two.meta(2, true, 2),
                batches.get(10).meta(10, true, 10));
        int lastOfTwo = batches.get(1).events() + two.events() - 1;
        meta.lastPulse()[lastOfTwo]--;
        ParquetFiles.writeMeta(Layout.metaFile(dir, Split.TRAIN), meta, WriteOptions.kaggle());
        Dataset dataset = Dataset.open(dir);

        assertThat(dataset.load(1, ALL, 1).eventCount()).isEqualTo(batches.get(1).events());
        assertThatThrownBy(() -> dataset.readBatch(2, ALL, 1))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(dataset.batchFile(2).toString())
                .hasMessageContaining("meta indices do not match batch 2")
                .hasMessageContaining("the batch file holds " + two.pulses().size() + " pulses");
    }

    @Test
    void aRangeOfEventsBeyondTheBatchFileIsReportedAsAMetaMismatch() throws IOException {
        TestData.Batch ten = batches.get(10);
        EventMeta meta = MetaReaderTest.concat(batches.get(1).meta(1, true, 1), batches.get(2).meta(2, true, 2),
                ten.meta(10, true, 10));
        meta.lastPulse()[meta.size() - 1] += 5;
        ParquetFiles.writeMeta(Layout.metaFile(dir, Split.TRAIN), meta, WriteOptions.kaggle());
        Dataset dataset = Dataset.open(dir);
        int lastEvent = ten.events() - 1;

        assertThat(dataset.events(10, 0, 3).size()).isEqualTo(3);
        assertThatThrownBy(() -> dataset.events(10, lastEvent - 1, lastEvent + 1))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(dataset.batchFile(10).toString())
                .hasMessageContaining("meta indices do not match batch 10")
                .hasMessageContaining("but the batch file holds " + ten.pulses().size() + " pulses");
    }

    @Test
    void metaEventsThatOverlapAreReported() throws IOException {
        EventMeta meta = MetaReaderTest.concat(batches.get(1).meta(1, true, 1), batches.get(2).meta(2, true, 2),
                batches.get(10).meta(10, true, 10));
        meta.firstPulse()[5]--;
        ParquetFiles.writeMeta(Layout.metaFile(dir, Split.TRAIN), meta, WriteOptions.kaggle());

        assertThatThrownBy(() -> Dataset.open(dir).load(1, ALL, 1))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining("meta indices do not match batch 1")
                .hasMessageContaining("events must be contiguous");
    }

    @Test
    void aBatchWithoutMetaRowsIsReported() throws IOException {
        ParquetFiles.writeBatch(Layout.batchFile(dir, Split.TRAIN, 3), batches.get(1).pulses(),
                WriteOptions.kaggle());

        assertThatThrownBy(() -> Dataset.open(dir).readBatch(3, ALL, 1))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining("batch_3.parquet")
                .hasMessageContaining("meta indices do not match batch 3")
                .hasMessageContaining("has no events for batch 3");
    }

    @Test
    void aMissingGeometryFileIsRequiredNotReplaced() throws IOException {
        Files.delete(dir.resolve(Layout.GEOMETRY_FILE));

        assertThatThrownBy(() -> Dataset.open(dir))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(dir.resolve("sensor_geometry.csv").toString())
                .hasMessageContaining("geometry file is missing")
                .hasMessageContaining("Geometry.writeEmbedded");
    }

    @Test
    void aMissingMetaFileIsNamed() throws IOException {
        Files.delete(dir.resolve("train_meta.parquet"));

        assertThatThrownBy(() -> Dataset.open(dir))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(dir.resolve("train_meta.parquet").toString())
                .hasMessageContaining("meta file is missing");
    }

    @Test
    void aFolderWithoutASplitIsNotADataset() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> Dataset.open(empty))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("neither a train/ nor a test/ folder");
        assertThatThrownBy(() -> Dataset.open(dir.resolve("nowhere")))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aSplitFolderWithoutBatchFilesIsReported() throws IOException {
        Path root = dir.resolve("no-batches");
        Files.createDirectories(root.resolve("test"));
        Files.writeString(root.resolve("test").resolve("notes.txt"), "nothing here");

        assertThatThrownBy(() -> Dataset.open(root))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining("no batch_N.parquet");
    }

    @Test
    void aFolderWithBothSplitsMustNameOne() throws IOException {
        writeDataset(dir, Split.TEST, Map.of(7, TestData.batch(1_000, 4)));

        assertThatThrownBy(() -> Dataset.open(dir))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining("both train/ and test/");
        assertThat(Dataset.open(dir, Split.TEST).batchIds()).containsExactly(7);
        assertThat(Dataset.open(dir, Split.TRAIN).batchIds()).containsExactly(1, 2, 10);
    }

    @Test
    void anUnknownBatchIdListsTheBatchesPresent() {
        assertThatThrownBy(() -> Dataset.open(dir).batchFile(4))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining("batch_4.parquet")
                .hasMessageContaining("batches present: [1, 2, 10]");
    }

    @Test
    void aMetaFileWithoutEventsIsNamedRatherThanMeasuredAsNothing() throws IOException {
        Path meta = Layout.metaFile(dir, Split.TRAIN);
        ParquetFiles.writeMeta(meta, new EventMeta(new long[0], new long[0], new long[0], new long[0], new double[0],
                new double[0]), WriteOptions.kaggle());
        Dataset dataset = Dataset.open(dir);

        assertThatThrownBy(dataset::meta)
                .isInstanceOf(IcecubeDataException.class)
                .hasMessage("'" + meta + "': meta file has no events (0 rows), so the dataset has nothing to measure;"
                        + " write the meta file again with the batches' events, or regenerate the dataset");
    }

    @Test
    void aDatasetFolderThisUserMayNotReadSaysPermissionDeniedNotNotADatasetFolder() throws IOException {
        Path batchFile = Layout.batchFile(dir, Split.TRAIN, 1);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("-wx------"));
            Assumptions.assumeFalse(Files.isReadable(dir),
                    "this user reads a folder whatever its mode (root): permissions cannot be tested");

            assertThatThrownBy(() -> Dataset.open(dir))
                    .isInstanceOf(IcecubeDataException.class)
                    .hasMessageStartingWith("'" + dir + "': permission denied: this user may not read the dataset"
                            + " folder (owner ")
                    .hasMessageContaining("-wx------); make it readable (chmod -R a+rX '" + dir + "', or ask its"
                            + " owner), or use a dataset folder of your own (--dataset DIR, or ICEBENCH_DATA_CACHE"
                            + " for the default dataset)");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        try {
            Files.setPosixFilePermissions(batchFile, PosixFilePermissions.fromString("---------"));

            assertThatThrownBy(() -> Dataset.open(dir).readBatch(1, ALL, 1))
                    .isInstanceOf(IcecubeDataException.class)
                    .hasMessageStartingWith("'" + batchFile + "': permission denied: this user may not read the batch"
                            + " file (owner ");
        } finally {
            Files.setPosixFilePermissions(batchFile, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
