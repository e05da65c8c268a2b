package io.icebench.icecube;

import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratedBatch;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.icecube.read.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** What the generator writes, the reader gives back: every column, every meta row. */
class GeneratorToReaderRoundTripTest {

    @TempDir
    Path temp;

    @Test
    void generatedFilesReadBackAsTheGeneratedArrays() throws Exception {
        GeneratorSettings settings = GeneratorSettings.of(2_500, 1_000, 99).withForcedExtremeEvents(1);
        Path dir = Files.createDirectory(temp.resolve("data"));
        DatasetGenerator.generate(settings, dir, n -> { });

        Dataset dataset = Dataset.open(dir);
        EventMeta meta = dataset.meta();
        assertThat(dataset.batchIds()).containsExactly(1, 2, 3);
        for (int index = 0; index < settings.batches(); index++) {
            GeneratedBatch expected = DatasetGenerator.generateBatch(settings, index);
            PulseBatch read = dataset.readBatch(expected.batchId(), EnumSet.allOf(Column.class), 2);

            assertThat(read.size()).isEqualTo(expected.pulses().size());
            assertThat(read.sensorId()).isEqualTo(expected.pulses().sensorId());
            assertThat(read.time()).isEqualTo(expected.pulses().time());
            assertThat(read.charge()).isEqualTo(expected.pulses().charge());
            assertThat(read.auxiliary()).isEqualTo(expected.pulses().auxiliary());
            assertThat(read.eventId()).isEqualTo(expected.pulses().eventId());

            int[] rows = meta.rowsOfBatch(expected.batchId());
            assertThat(rows[1] - rows[0]).isEqualTo(expected.events());
            for (int e = 0; e < expected.events(); e++) {
                assertThat(meta.eventId()[rows[0] + e]).isEqualTo(expected.eventIds()[e]);
                assertThat(meta.firstPulse()[rows[0] + e]).isEqualTo(expected.firstPulse()[e]);
                assertThat(meta.lastPulse()[rows[0] + e]).isEqualTo(expected.lastPulse()[e]);
                assertThat(meta.azimuth()[rows[0] + e]).isEqualTo(expected.azimuth()[e]);
            }
        }
    }
}
