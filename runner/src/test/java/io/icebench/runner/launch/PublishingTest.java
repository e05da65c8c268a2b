package io.icebench.runner.launch;

import io.icebench.runner.baseline.History;
import io.icebench.runner.discovery.DiscoveredWriter;
import io.icebench.runner.report.ResultsFolder;
import io.icebench.spi.ReportOutput;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.Spi;
import io.icebench.spi.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The end of a run: a failed writer or history append settles the exit code, and every report states it. */
class PublishingTest {

    @TempDir
    Path results;

    private static RunReport report(int exitCode) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new RunReport("run-1", "regression", now, now, "test", Map.of(), Map.of(), List.of(), List.of(),
                exitCode, Optional.empty());
    }

    /** Writes {@code <id>.txt} holding the exit code and the problems; fails on the passes listed. */
    private static DiscoveredWriter writer(String id, int... failingPasses) {
        int[] pass = {0};
        ReportWriter writer = new ReportWriter() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String spiVersion() {
                return Spi.VERSION;
            }

            @Override
            public void write(RunReport report, ReportOutput output) throws IOException {
                pass[0]++;
                output.write(id + ".txt", out -> out.write(("exit " + report.exitCode() + " " + report.problems())
                        .getBytes(StandardCharsets.UTF_8)));
                for (int failing : failingPasses) {
                    if (failing == pass[0]) {
                        throw new IOException("pass " + failing + " failed");
                    }
                }
            }
        };
        return new DiscoveredWriter(writer, id, "", "test");
    }

    @Test
    void aHistoryThatCannotBeAppendedIsExitThreeInTheReportsWrittenBefore() throws IOException {
        Files.createDirectories(History.file(results));
        ResultsFolder folder = ResultsFolder.create(results, "run-1");

        RunResult result = Publishing.finish(report(0), folder, List.of(writer("a")), results);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.writerFailures()).singleElement().asString().startsWith("could not append the run to "
                + History.file(results));
        assertThat(result.folder().resolve("a.txt")).content().startsWith("exit 3 [could not append the run to ");
    }

    @Test
    void aWriterThatFailsTheSecondTimeKeepsNoneOfItsFilesAndTheOthersStateExitThree() throws IOException {
        ResultsFolder folder = ResultsFolder.create(results, "run-1");

        RunResult result = Publishing.finish(report(0), folder,
                List.of(writer("good"), writer("second", 2), writer("broken", 1)), results);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.writerFailures()).containsExactly(
                "report writer 'broken' failed, and left none of its files: java.io.IOException: pass 1 failed",
                "report writer 'second' failed, and left none of its files: java.io.IOException: pass 2 failed");
        try (var files = Files.list(result.folder())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("good.txt");
        }
        assertThat(result.folder().resolve("good.txt")).content().startsWith("exit 3 [report writer 'broken'");
        assertThat(History.read(results)).hasSize(1);
    }

    @Test
    void aFailedGateStaysExitOneWhenAWriterFailsToo() throws IOException {
        ResultsFolder folder = ResultsFolder.create(results, "run-1");

        RunResult result = Publishing.finish(report(1), folder, List.of(writer("broken", 1)), results);

        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void aRunWhereNothingFailedIsWrittenOnceWithItsOwnExitCode() throws IOException {
        ResultsFolder folder = ResultsFolder.create(results, "run-1");

        RunResult result = Publishing.finish(report(0), folder, List.of(writer("a")), results);

        assertThat(result.writerFailures()).isEmpty();
        assertThat(result.folder().resolve("a.txt")).hasContent("exit 0 []");
        assertThat(ResultsFolder.latest(results)).hasValue(result.folder().toRealPath());
    }
}
