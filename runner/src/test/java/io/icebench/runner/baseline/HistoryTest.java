package io.icebench.runner.baseline;

import io.icebench.spi.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The history's append protocol (torn tails, failed writes) and a reader that skips bad lines, not the history. */
class HistoryTest {

    @TempDir
    Path results;

    private static RunSamples run(String id, double... samples) {
        return new RunSamples(id, "regression", "2025-01-01T00:00:00Z", Map.of("hard.cpu_model", "A"),
                Map.of("p", Map.of("m", new RunSamples.MetricSamples(samples, "ms", Direction.LOWER_IS_BETTER))));
    }

    private List<Path> tornFiles() throws IOException {
        try (Stream<Path> files = Files.list(results)) {
            return files.filter(f -> f.getFileName().toString().startsWith("history.jsonl.torn-")).toList();
        }
    }

    @Test
    void aTornTailIsMovedAsideSoTheNextRunIsItsOwnLine() throws IOException {
        History.append(results, run("r1", 1));
        long whole = Files.size(History.file(results));
        Files.writeString(History.file(results), "{\"run\":", StandardOpenOption.APPEND);

        History.append(results, run("r2", 2));

        List<String> lines = Files.readAllLines(History.file(results));
        assertThat(lines).hasSize(2);
        assertThat(History.read(results)).extracting(RunSamples::runId).containsExactly("r1", "r2");
        assertThat(tornFiles()).singleElement().satisfies(torn -> assertThat(torn).hasContent("{\"run\":"));
        assertThat(Files.readString(History.file(results))).endsWith("\n");
        assertThat(lines.get(1)).startsWith("{\"schema\"");
        assertThat(Files.size(History.file(results))).isGreaterThan(whole);
    }

    @Test
    void aHistoryThatIsOneTornLineIsMovedAsideWhole() throws IOException {
        Files.writeString(History.file(results), "{\"runId\":\"r0\",\"plu");

        History.append(results, run("r1", 1));

        assertThat(History.read(results)).extracting(RunSamples::runId).containsExactly("r1");
        assertThat(Files.readAllLines(History.file(results))).hasSize(1);
        assertThat(tornFiles()).singleElement().satisfies(torn -> assertThat(torn).hasContent("{\"runId\":\"r0\",\"plu"));
    }

    @Test
    void aWholeHistoryIsAppendedToWithoutAnyTornFile() throws IOException {
        History.append(results, run("r1", 1));
        History.append(results, run("r2", 2));

        assertThat(tornFiles()).isEmpty();
    }

    @Test
    void aLineWithABadByteIsSkippedAndTheLinesAroundItAreRead() throws IOException {
        History.append(results, run("r1", 1));
        Files.write(History.file(results), new byte[] {'{', (byte) 0xff, '}', '\n'}, StandardOpenOption.APPEND);
        History.append(results, run("r3", 3));

        assertThat(History.read(results)).extracting(RunSamples::runId).containsExactly("r1", "r3");
    }

    @Test
    void aLineThatIsNotARunIsSkippedAndTheOthersAreRead() throws IOException {
        Files.writeString(History.file(results), "not json\n{\"runId\":\"x\"}\n\n", StandardCharsets.UTF_8);
        History.append(results, run("r1", 1));

        assertThat(History.read(results)).extracting(RunSamples::runId).containsExactly("r1");
    }

    @Test
    void anAppendOnAFullDiskThrowsTheDisksError() throws IOException {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full");
        Files.createSymbolicLink(History.file(results), Path.of("/dev/full"));

        assertThatThrownBy(() -> History.append(results, run("r1", 1))).isInstanceOf(IOException.class)
                .hasMessageContaining("No space left on device");
        assertThat(History.read(results)).isEmpty();
    }
}
