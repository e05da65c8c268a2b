package io.icebench.icecube.generate;

import io.icebench.icecube.Split;
import io.icebench.icecube.parquet.WriteOptions;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeterminismTest {

    private static final GeneratorSettings SETTINGS =
            new GeneratorSettings(5_000, 2_000, 42, Split.TRAIN, 1, WriteOptions.kaggle());

    @Test
    void the_same_settings_give_byte_identical_files(@TempDir Path first, @TempDir Path second) throws IOException {
        DatasetGenerator.generate(SETTINGS, first, done -> { });
        DatasetGenerator.generate(SETTINGS, second, done -> { });

        List<Path> files = relativeFiles(first);
        assertThat(files).containsExactlyInAnyOrder(Path.of("train", "batch_1.parquet"),
                Path.of("train", "batch_2.parquet"), Path.of("train", "batch_3.parquet"),
                Path.of("train_meta.parquet"), Path.of("sensor_geometry.csv"));
        assertThat(relativeFiles(second)).containsExactlyInAnyOrderElementsOf(files);
        for (Path file : files) {
            assertThat(Files.mismatch(first.resolve(file), second.resolve(file))).as(file.toString()).isEqualTo(-1);
        }
    }

    @Test
    void another_seed_gives_different_batch_and_meta_files(@TempDir Path first, @TempDir Path second) {
        DatasetGenerator.generate(SETTINGS, first, done -> { });
        DatasetGenerator.generate(new GeneratorSettings(5_000, 2_000, 43, Split.TRAIN, 1, WriteOptions.kaggle()),
                second, done -> { });

        for (String file : List.of("train/batch_1.parquet", "train/batch_3.parquet", "train_meta.parquet")) {
            assertThat(sameBytes(first.resolve(file), second.resolve(file))).as(file).isFalse();
        }
    }

    @Test
    void a_batch_is_the_same_whether_its_chunks_run_in_parallel_or_in_order() {
        GeneratorSettings settings = GeneratorSettings.of(30_000, 30_000, 5);

        GeneratedBatch parallel = DatasetGenerator.generateBatch(settings, 0, true);
        GeneratedBatch sequential = DatasetGenerator.generateBatch(settings, 0, false);

        assertSameBatch(parallel, sequential);
    }

    @Test
    void a_batch_depends_only_on_the_seed_and_its_index_not_on_the_dataset_size() {
        GeneratedBatch inSmall = DatasetGenerator.generateBatch(GeneratorSettings.of(2_500, 1_000, 9), 1);
        GeneratedBatch inLarge = DatasetGenerator.generateBatch(GeneratorSettings.of(9_000, 1_000, 9), 1);

        assertSameBatch(inSmall, inLarge);
    }

    @Test
    void neighbouring_batches_and_seeds_differ() {
        GeneratorSettings settings = GeneratorSettings.of(2_000, 1_000, 9);
        GeneratedBatch first = DatasetGenerator.generateBatch(settings, 0);
        GeneratedBatch second = DatasetGenerator.generateBatch(settings, 1);
        GeneratedBatch otherSeed = DatasetGenerator.generateBatch(GeneratorSettings.of(2_000, 1_000, 10), 0);

        assertThat(second.pulses().sensorId()).isNotEqualTo(first.pulses().sensorId());
        assertThat(otherSeed.pulses().sensorId()).isNotEqualTo(first.pulses().sensorId());
        assertThat(otherSeed.azimuth()).isNotEqualTo(first.azimuth());
    }

    private static void assertSameBatch(GeneratedBatch a, GeneratedBatch b) {
        assertThat(a.eventIds()).isEqualTo(b.eventIds());
        assertThat(a.firstPulse()).isEqualTo(b.firstPulse());
        assertThat(a.lastPulse()).isEqualTo(b.lastPulse());
        assertThat(a.azimuth()).isEqualTo(b.azimuth());
        assertThat(a.zenith()).isEqualTo(b.zenith());
        assertThat(a.pulses().sensorId()).isEqualTo(b.pulses().sensorId());
        assertThat(a.pulses().time()).isEqualTo(b.pulses().time());
        assertThat(a.pulses().charge()).isEqualTo(b.pulses().charge());
        assertThat(a.pulses().auxiliary()).isEqualTo(b.pulses().auxiliary());
        assertThat(a.pulses().eventId()).isEqualTo(b.pulses().eventId());
    }

    private static boolean sameBytes(Path a, Path b) {
        try {
            return Files.mismatch(a, b) == -1;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).toList();
        }
    }
}
