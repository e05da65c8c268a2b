package io.icebench.runner.baseline;

import io.icebench.runner.UsageException;
import io.icebench.spi.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A baseline or results file that is not what it should be is named, with what is wrong in it and the fix. */
class RunSamplesTest {

    @TempDir
    Path results;

    private static final String GOOD = """
            {"schema": "icebench-baseline", "runId": "r1", "mode": "regression", "plugins": [
              {"id": "cpu-calibration", "metrics": [
                {"name": "sort_time", "unit": "ms", "direction": "lower", "samples": [1.5, 2, 3]}]}]}
            """;

    private Path saved(String json) throws IOException {
        Path file = Baselines.file(results, "default");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, json);
    }

    @Test
    void aGoodBaselineIsReadWithItsSamples() throws IOException {
        RunSamples run = RunSamples.read(saved(GOOD));

        assertThat(run.metric("cpu-calibration", "sort_time").orElseThrow().samples()).containsExactly(1.5, 2, 3);
        assertThat(run.metric("cpu-calibration", "sort_time").orElseThrow().direction())
                .isEqualTo(Direction.LOWER_IS_BETTER);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "null sample       | [1.5, null, 3]      | sample 1 is null; every sample must be a finite number",
        "string sample     | [1.5, \"2\", 3]     | sample 1 is the string \"2\"; every sample must be a finite number",
        "overflowing       | [1.5, 1e999, 3]     | sample 1 is the number ",
        "samples an object | {\"a\": 1}          | 'samples' is an object {\"a\":1}, not an array of numbers",
    })
    void aBadSampleNamesTheFilePluginMetricAndSampleAndTheFix(String name, String samples, String problem)
            throws IOException {
        Path file = saved(GOOD.replace("[1.5, 2, 3]", samples));

        assertThatThrownBy(() -> Baselines.resolveBaseline(results, "default", results))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--baseline default: '" + file + "': plugin 'cpu-calibration', metric"
                        + " 'sort_time': " + problem)
                .hasMessageEndingWith("; save it again with 'runner baseline save --name default' (or restore it"
                        + " from a copy)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aDirectionThatIsNeitherHigherNorLowerIsNotGuessed() throws IOException {
        Path file = saved(GOOD.replace("\"lower\"", "\"down\""));

        assertThatThrownBy(() -> RunSamples.read(file))
                .hasMessage("'" + file + "': plugin 'cpu-calibration', metric 'sort_time': 'direction' is the"
                        + " string \"down\", not \"higher\" or \"lower\"");
    }

    @Test
    void aPluginWithoutAnIdIsNamedByItsPlace() throws IOException {
        Path file = saved(GOOD.replace("\"id\": \"cpu-calibration\"", "\"id\": 7"));

        assertThatThrownBy(() -> RunSamples.read(file))
                .hasMessage("'" + file + "': plugins[0]: 'id' is the number 7, not a name");
    }

    @Test
    void aNonUtf8ByteIsNamedByItsOffsetNotAsInputLengthOne() throws IOException {
        Path file = saved(GOOD);
        byte[] bytes = Files.readAllBytes(file);
        bytes[10] = (byte) 0xFF;
        Files.write(file, bytes);

        assertThatThrownBy(() -> Baselines.resolveBaseline(results, "default", results))
                .isInstanceOf(UsageException.class)
                .hasMessage("--baseline default: '" + file + "' is not UTF-8 text: byte 0xFF at offset 10 is not"
                        + " valid UTF-8; the file is damaged; save it again with 'runner baseline save --name"
                        + " default' (or restore it from a copy)");
    }

    @Test
    void truncatedJsonIsNamedWithTheLineAndColumnWhereItEnds() throws IOException {
        Path file = saved(GOOD.substring(0, GOOD.indexOf("\"samples\"")));

        assertThatThrownBy(() -> RunSamples.read(file))
                .hasMessageStartingWith("'" + file + "' is not valid JSON (Unexpected end-of-input")
                .hasMessageContaining(" at line 3, column ")
                .hasMessageEndingWith("); it is truncated or damaged")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aRunGivenToCompareThatIsDamagedSaysToNameAnother() throws IOException {
        Path file = Files.writeString(results.resolve("results.json"), GOOD.replace("[1.5, 2, 3]", "[null]"));

        assertThatThrownBy(() -> Baselines.resolveRun(results, file.toString(), results))
                .isInstanceOf(UsageException.class)
                .hasMessage("run '" + file + "': '" + file + "': plugin 'cpu-calibration', metric 'sort_time':"
                        + " sample 0 is null; every sample must be a finite number; name another run, or restore"
                        + " that file from a copy");
    }

    @Test
    void aSavedBaselineGetsThePermissionsOfAnyNewFileNotOwnerOnly() throws IOException {
        Path probe = Files.createFile(results.resolve("probe"));
        Path saved = Baselines.save(results, "shared", new RunSamples("r1", "regression", "2025-01-01T00:00:00Z",
                Map.of(), Map.of()));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)));
        assertThat(Files.list(saved.getParent())).containsExactly(saved);
    }
}
