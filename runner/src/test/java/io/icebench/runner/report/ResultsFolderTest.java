package io.icebench.runner.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsFolderTest {

    @TempDir
    Path results;

    @Test
    void aRunIsInvisibleUntilPublishedThenLatestPointsAtIt() throws IOException {
        ResultsFolder folder = ResultsFolder.create(results, "run-1");
        folder.write("results.json", out -> out.write("{}".getBytes()));

        assertThat(results.resolve("run-1")).doesNotExist();
        Path published = folder.publish();

        assertThat(published).isEqualTo(results.resolve("run-1"));
        assertThat(published.resolve("results.json")).hasContent("{}");
        assertThat(ResultsFolder.latest(results)).hasValue(published.toRealPath());
    }

    @Test
    void aWriterThatThrowsLeavesNoFileBehind() throws IOException {
        ResultsFolder folder = ResultsFolder.create(results, "run-2");

        assertThatThrownBy(() -> folder.write("half.json", out -> {
            out.write("{\"half".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        Path published = folder.publish();

        try (var files = Files.list(published)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void latestMovesToTheNewestPublishedRun() throws IOException {
        ResultsFolder.create(results, "run-a").publish();
        Path second = ResultsFolder.create(results, "run-b").publish();

        assertThat(ResultsFolder.latest(results)).hasValue(second.toRealPath());
    }
}
