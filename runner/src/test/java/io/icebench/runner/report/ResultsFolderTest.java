package io.icebench.runner.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    @Test
    void aWriterThatSwallowsTheErrorsOfAFullDiskStillFailsAndLeavesNoFile() throws IOException {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full");
        ResultsFolder folder = ResultsFolder.create(results, "run-full");
        // The file's temporary name, on a disk with no room left.
        Files.createSymbolicLink(results.resolve(".run-full.partial/.a.hgrm.tmp"), Path.of("/dev/full"));

        assertThatThrownBy(() -> folder.write("a.hgrm", out -> {
            PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
            print.print("x".repeat(100_000));
            print.flush();
        })).isInstanceOf(IOException.class).hasMessage("cannot write a.hgrm: No space left on device");

        assertThat(folder.publish()).isDirectoryNotContaining("glob:**/*hgrm*");
    }

    @Test
    void aWriteErrorTheWriterCaughtStillFailsTheFile() throws IOException {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full");
        ResultsFolder folder = ResultsFolder.create(results, "run-caught");
        Files.createSymbolicLink(results.resolve(".run-caught.partial/.a.csv.tmp"), Path.of("/dev/full"));

        assertThatThrownBy(() -> folder.write("a.csv", out -> {
            try {
                out.write(new byte[100_000]);
            } catch (IOException ignored) {
                // a writer that does not care
            }
        })).isInstanceOf(IOException.class).hasMessage("cannot write a.csv: No space left on device");

        assertThat(folder.publish()).isDirectoryNotContaining("glob:**/a.csv*");
    }

    @Test
    void aWriterThatFailsHalfWayLosesTheFilesItHadAlreadyWritten() throws IOException {
        ResultsFolder folder = ResultsFolder.create(results, "run-3");
        folder.write("earlier.json", out -> out.write('1'));

        assertThatThrownBy(() -> folder.attempt("two-files", () -> {
            folder.write("first.csv", out -> out.write('1'));
            folder.write("second.csv", out -> {
                throw new IOException("disk full");
            });
        })).hasMessage("disk full");
        List<String> kept = folder.attempt("one-file", () -> folder.write("third.md", out -> out.write('3')));

        assertThat(kept).containsExactly("third.md");
        Path published = folder.publish();
        try (var files = Files.list(published)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("earlier.json",
                    "third.md");
        }
    }

    @Test
    void latestStaysOnThePreviousRunWhenTheNewOneHasNoResultsJson() throws IOException {
        ResultsFolder first = ResultsFolder.create(results, "run-ok");
        first.write("results.json", out -> out.write('{'));
        Path previous = first.publish(List.of("results.json"));

        Path second = ResultsFolder.create(results, "run-without").publish(List.of("results.json"));

        assertThat(second).isDirectory();
        assertThat(ResultsFolder.latest(results)).hasValue(previous.toRealPath());
    }

    @Test
    void aRunMarksItsPartialFolderAsItsOwnUntilPublished() throws IOException {
        ResultsFolder folder = ResultsFolder.create(results, "run-owned");

        try (var files = Files.list(results.resolve(".run-owned.partial"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactly(".owner-" + ProcessHandle.current().pid() + "-"
                            + ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli());
        }
        try (var files = Files.list(folder.publish())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void partialFoldersOfEndedRunsOlderThanAWeekAreRemovedAndThoseOfLiveRunsAreNot() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        long endedStart = ended.info().startInstant().map(Instant::toEpochMilli).orElse(1L);
        ended.waitFor();
        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
        Path old = partial(".old.partial", ".owner-" + ended.pid() + "-" + endedStart, eightDaysAgo);
        Path recent = partial(".recent.partial", ".owner-" + ended.pid() + "-" + endedStart, Instant.now());
        Path unmarked = partial(".unmarked.partial", null, eightDaysAgo);
        ProcessHandle self = ProcessHandle.current();
        Path live = partial(".live.partial", ".owner-" + self.pid() + "-"
                + self.info().startInstant().orElseThrow().toEpochMilli(), eightDaysAgo);

        ResultsFolder.create(results, "run-new");

        assertThat(old).doesNotExist();
        assertThat(unmarked).doesNotExist();
        assertThat(recent).isDirectory();
        assertThat(live).isDirectory();
        assertThat(live.resolve("results.json")).hasContent("{}");
    }

    private Path partial(String name, String owner, Instant modified) throws IOException {
        Path folder = Files.createDirectories(results.resolve(name));
        Files.writeString(folder.resolve("results.json"), "{}");
        if (owner != null) {
            Files.createFile(folder.resolve(owner));
        }
        Files.setLastModifiedTime(folder, FileTime.from(modified));
        return folder;
    }
}
