package io.icebench.runner.cli;

import io.icebench.icecube.EventMeta;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.read.Dataset;
import io.icebench.runner.ExitCodes;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusMainTest
class GenerateDataCommandTest {

    @TempDir
    Path temp;

    @Test
    void generateDataWritesADatasetTheReaderAccepts(QuarkusMainLauncher launcher) {
        Path out = temp.resolve("data");

        LaunchResult result = launcher.launch("generate-data", "--out", out.toString(), "--events", "1500",
                "--events-per-batch", "1000", "--seed", "5", "--extreme-events", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("generated 1,500 events", "in 2 batches", "1 with >= 50,000 pulses");
        Dataset dataset = Dataset.open(out);
        EventMeta meta = dataset.meta();
        assertThat(dataset.batchIds()).containsExactly(1, 2);
        assertThat(meta.size()).isEqualTo(1500);
        PulseBatch second = dataset.readBatch(2, java.util.EnumSet.allOf(io.icebench.icecube.Column.class), 2);
        int[] rows = meta.rowsOfBatch(2);
        assertThat(second.size()).isEqualTo((int) meta.lastPulse()[rows[1] - 1] + 1);
        assertThat(out.resolveSibling("data").getParent()).isDirectoryNotContaining("glob:**.partial-*");
    }

    @Test
    void aFolderThatIsNotEmptyIsRefusedWithExitTwo(QuarkusMainLauncher launcher) throws Exception {
        Path out = Files.createDirectories(temp.resolve("used"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        LaunchResult result = launcher.launch("generate-data", "--out", out.toString(), "--events", "10");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("exists and is not an empty folder");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void zeroEventsIsRefusedWithExitTwo(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("generate-data", "--out", temp.resolve("x").toString(),
                "--events", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.getErrorOutput()).contains("generate-data:", "events");
    }
}
