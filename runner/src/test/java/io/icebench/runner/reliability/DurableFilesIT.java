package io.icebench.runner.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.icebench.runner.baseline.History;
import io.icebench.runner.baseline.RunSamples;
import io.icebench.runner.testing.Cli;
import io.icebench.runner.testing.Yaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reliability battery's durable-files cases (issue 13: 4, 5, 8, 9 and the unfinished runs' folders), each
 * through the packaged runner. A full disk and a read-only history are real: the runner is started in a mount
 * namespace of its own ({@code unshare}) with a small tmpfs or a read-only bind mount, so nothing is mocked.
 */
class DurableFilesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULTS = "results";
    private static final String CONFIG = Yaml.FAST_CALIBRATION.replace("icebench:\n",
            "icebench:\n  reports: [json, markdown, hdr-histogram]\n");

    /** The results folder of one passing run, made once: the cases that start after a first run get a copy. */
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void onePassingRun() {
        Path first = shared.resolve("first");
        Yaml.write(first, "icebench.yaml", CONFIG);
        Cli.Result run = Cli.in(first).run("--mode=regression", "--config=icebench.yaml", "--results-dir=" + RESULTS);
        assertThat(run.exit()).isZero();
    }

    private String[] run(String... extra) {
        List<String> args = new ArrayList<>(List.of("--mode=regression", "--config=icebench.yaml",
                "--results-dir=" + RESULTS));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private Path results() {
        return dir.resolve(RESULTS);
    }

    private Path history() {
        return History.file(results());
    }

    /**
     * A results folder after one passing run (its run folder, {@code latest} and a history of one line), copied
     * from the one {@link #onePassingRun} made, as the cases change it; the run's id. Nothing in it names the
     * folder it was written in ({@code latest} is a relative link), so the copy is what a run here would leave.
     */
    private String firstRun() throws IOException {
        Yaml.write(dir, "icebench.yaml", CONFIG);
        Path from = shared.resolve("first").resolve(RESULTS);
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, results().resolve(from.relativize(path).toString()), LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        assertThat(Files.readSymbolicLink(results().resolve("latest"))).isRelative();
        return JSON.readTree(results().resolve("latest/results.json").toFile()).path("runId").asText();
    }

    @Test
    void aTornLastLineInTheHistoryIsMovedAsideWithOneWarningAndTheNextRunIsKept() throws IOException {
        firstRun();
        byte[] before = Files.readAllBytes(history());
        Files.writeString(history(), "{\"run\":", StandardOpenOption.APPEND);

        Cli.Result second = Cli.in(dir).run(run());

        assertThat(second.exit()).isZero();
        assertThat(lines(second, "torn line")).singleElement().asString()
                .contains(history() + " ended in a torn line (7 bytes from byte offset " + before.length)
                .contains("moved it to history.jsonl.torn-");
        List<Path> torn = files(results(), "history.jsonl.torn-");
        assertThat(torn).singleElement().satisfies(file -> assertThat(file).hasContent("{\"run\":"));
        assertThat(second.err()).contains("moved it to " + torn.get(0).getFileName());
        byte[] after = Files.readAllBytes(history());
        assertThat(new String(after, 0, before.length, StandardCharsets.UTF_8))
                .isEqualTo(new String(before, StandardCharsets.UTF_8));
        assertThat(History.read(results())).extracting(RunSamples::runId).hasSize(2).last()
                .isEqualTo(second.latestResults(RESULTS).path("runId").asText());
        assertNothingHalfWritten();
    }

    @Test
    void aLineWithABadByteCostsThatLineAndTheOtherRunsStillCount() throws IOException {
        String firstId = firstRun();
        Files.write(history(), new byte[] {'{', '"', 'r', (byte) 0xff, '"', '}', '\n'}, StandardOpenOption.APPEND);
        long before = Files.size(history());

        Cli.Result second = Cli.in(dir).run(run("--baseline=latest"));

        assertThat(second.exit()).isZero();
        assertThat(lines(second, "skipping line")).singleElement().asString()
                .contains("skipping line 2 of " + history() + ": it is not UTF-8 text (byte offset "
                        + (before - 4) + " is corrupt); delete the line to silence this");
        assertThat(second.latestResults(RESULTS).path("baseline").path("runId").asText()).isEqualTo(firstId);
        assertThat(History.read(results())).extracting(RunSamples::runId).hasSize(2).first().isEqualTo(firstId);
        assertNothingHalfWritten();
    }

    @Test
    void aBaselineFileThatIsNotTextIsExitTwoNamingTheFile() throws IOException {
        Yaml.write(dir, "icebench.yaml", CONFIG);
        Files.write(dir.resolve("saved.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});

        Cli.Result result = Cli.in(dir).run(run("--baseline=saved.json"));

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("icebench: --baseline saved.json: ")
                .contains(dir.resolve("saved.json") + "' is not UTF-8 text: byte 0xFF at offset 0 is not valid UTF-8");
    }

    @Test
    void aHistoryThatCannotBeAppendedIsExitThreeInEveryReportAndOnTheConsole() throws Exception {
        firstRun();
        byte[] before = Files.readAllBytes(history());

        Cli.Result second = inNamespace("mount --bind " + RESULTS + "/history.jsonl " + RESULTS + "/history.jsonl"
                + " && mount -o remount,bind,ro " + RESULTS + "/history.jsonl " + RESULTS + "/history.jsonl",
                "", run()).get(0);

        JsonNode results = second.latestResults(RESULTS);
        assertThat(results.path("exitCode").asInt()).isEqualTo(3);
        assertThat(results.path("problems").toString()).contains("could not append the run to");
        assertThat(results.path("runId").asText()).isEqualTo(runIdOf(second));
        assertThat(results().resolve("latest/summary.md")).content().contains(", exit code 3");
        assertThat(results().resolve("latest/cpu-calibration.sort_time.hgrm")).isNotEmptyFile();
        assertThat(second.exit()).isEqualTo(3);
        assertThat(second.err()).contains("icebench: could not append the run to " + history()
                + " (java.nio.file.FileSystemException: " + history() + ": Read-only file system): the run is not in"
                + " the history, so --baseline latest will not see it; make the file writable or free disk space\n");
        assertThat(second.out()).contains("ERROR: a report or the history could not be written (1 plugins")
                .contains("; exit 3)\n").doesNotContain("PASSED");
        assertThat(Files.readAllBytes(history())).isEqualTo(before);
        assertNothingHalfWritten();
    }

    @Test
    void aFullDiskIsExitThreeAndLeavesNoEmptyReportNoPartialHistoryLineAndLatestOnThePreviousRun()
            throws Exception {
        Yaml.write(dir, "icebench.yaml", CONFIG);
        // One run, then the history padded with blank lines (which readers skip) to 16 bytes short of a tmpfs page,
        // so the next line's first bytes still fit and the rest do not; then the disk filled.
        String between = "h=" + RESULTS + "/history.jsonl; size=$(stat -c %s $h);"
                + " pad=$(( 4096 - size % 4096 - 16 )); [ $pad -lt 0 ] && pad=$(( pad + 4096 ));"
                + " head -c $pad /dev/zero | tr '\\000' '\\n' >> $h; cp -a " + RESULTS + " before;"
                + " dd if=/dev/zero of=" + RESULTS + "/filler bs=4k 2>/dev/null; true";
        Files.createDirectories(results());
        List<Cli.Result> runs = inNamespace("mount -t tmpfs -o size=1m tmpfs " + RESULTS, between, run(), run());
        Path after = dir.resolve("after");
        Path earlier = dir.resolve("before");

        assertThat(runs.get(0).exit()).isZero();
        Cli.Result full = runs.get(1);
        assertThat(full.exit()).isEqualTo(3);
        String firstId = runIdOf(runs.get(0));
        String fullId = runIdOf(full);
        assertThat(after.resolve("latest").toRealPath().getFileName().toString()).isEqualTo(firstId);
        assertThat(after.resolve(firstId).resolve("results.json")).hasSameBinaryContentAs(
                earlier.resolve(firstId).resolve("results.json"));
        try (Stream<Path> left = Files.list(after.resolve(fullId))) {
            assertThat(left).isEmpty();
        }
        assertThat(after.resolve("history.jsonl")).hasSameBinaryContentAs(earlier.resolve("history.jsonl"));
        assertThat(full.err())
                .contains("icebench: report writer 'json' failed, and left none of its files: java.io.IOException:"
                        + " cannot write results.json: No space left on device\n")
                .contains("icebench: report writer 'hdr-histogram' failed, and left none of its files:"
                        + " java.io.IOException: cannot write cpu-calibration.")
                .contains("icebench: could not append the run to " + history())
                .contains(results().resolve("latest") + " still points at run " + firstId + ": this run's folder "
                        + results().resolve(fullId) + " has no results.json (its writer failed)");
        assertThat(Cli.leftovers(after, ".tmp")).isEmpty();
        assertThat(Cli.leftovers(after, ".partial")).isEmpty();
    }

    @Test
    void foldersOfKilledRunsAreNamedAtTheNextStartAndRemovedAfterAWeekButALiveRunsFolderIsNotTouched()
            throws Exception {
        Yaml.write(dir, "icebench.yaml", CONFIG);
        Path killed = killMidRun();
        // The same folder as if killed more than a week ago.
        Path old = results().resolve(".20200101T000000Z-regression-0000.partial");
        copy(killed, old);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(8))));
        Process alive = new ProcessBuilder("sleep", "120").start();
        try {
            Path live = Files.createDirectories(results().resolve(".20200101T000000Z-regression-1111.partial"));
            Files.createFile(live.resolve(".owner-" + alive.pid() + "-"
                    + alive.info().startInstant().orElseThrow().toEpochMilli()));
            Files.writeString(live.resolve("results.json"), "{}");
            Files.setLastModifiedTime(live, FileTime.from(Instant.now().minus(Duration.ofDays(8))));

            Cli.Result next = Cli.in(dir).run(run());

            assertThat(next.exit()).isZero();
            assertThat(lines(next, "did not finish")).containsExactly(
                    lineWith(next, "removed 1 folder(s) of runs that did not finish, untouched for over 7 days, from "
                            + results() + ": " + old.getFileName()),
                    lineWith(next, "1 folder(s) in " + results() + " are left by runs that did not finish (killed or"
                            + " crashed), the oldest " + killed.getFileName() + " from "));
            assertThat(old).doesNotExist();
            assertThat(killed).isDirectory();
            assertThat(live.resolve("results.json")).hasContent("{}");
            assertThat(Cli.leftovers(results(), ".partial")).containsExactlyInAnyOrder(killed, live);
        } finally {
            alive.destroyForcibly();
        }
    }

    /** Starts a run, kills it (and anything it started) once its partial folder is marked, and returns the folder. */
    private Path killMidRun() throws Exception {
        Process process = Cli.in(dir).start("killed", run());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                List<Path> partial = Cli.leftovers(results(), ".partial");
                if (partial.size() == 1 && !files(partial.get(0), ".owner-").isEmpty()) {
                    return partial.get(0);
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the run made no partial folder within a minute");
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs the runner {@code launches.length} times in a mount namespace of its own: {@code setup} first (inside
     * {@link #dir}), {@code between} after the first launch, and at the end the results folder is copied to
     * {@code after/} (a tmpfs mount ends with the namespace). Skipped where unprivileged namespaces are not allowed.
     */
    private List<Cli.Result> inNamespace(String setup, String between, String[]... launches) throws Exception {
        assumeTrue(new ProcessBuilder("unshare", "-rm", "true").start().waitFor() == 0,
                "needs unshare -rm (user and mount namespaces)");
        StringBuilder script = new StringBuilder("set -u\n").append(setup).append(" || exit 90\n");
        for (int i = 0; i < launches.length; i++) {
            script.append(Cli.in(dir).command(launches[i]).stream().map(DurableFilesIT::quoted)
                    .collect(Collectors.joining(" ")))
                    .append(" > ns").append(i).append(".out 2> ns").append(i).append(".err; echo $? > ns")
                    .append(i).append(".rc\n");
            if (i == 0 && !between.isEmpty()) {
                script.append(between).append('\n');
            }
        }
        script.append("rm -f ").append(RESULTS).append("/filler; cp -a ").append(RESULTS).append(" after\n");
        Files.writeString(dir.resolve("ns.sh"), script);
        ProcessBuilder builder = new ProcessBuilder("unshare", "-rm", "sh", "ns.sh").directory(dir.toFile())
                .redirectOutput(dir.resolve("ns.out").toFile()).redirectError(dir.resolve("ns.err").toFile());
        builder.environment().put("ICEBENCH_PROGRESS", "off");
        Process process = builder.start();
        if (!process.waitFor(Cli.LIMIT.toMillis() * launches.length, TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("the namespace's runs did not end in time");
        }
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("ns.err"))).isZero();
        List<Cli.Result> results = new ArrayList<>();
        for (int i = 0; i < launches.length; i++) {
            Cli.Result result = new Cli.Result(Integer.parseInt(Files.readString(dir.resolve("ns" + i + ".rc")).trim()),
                    Files.readString(dir.resolve("ns" + i + ".out")), Files.readString(dir.resolve("ns" + i + ".err")),
                    dir);
            System.out.println("$ runner (namespace) " + String.join(" ", launches[i]) + "\nexit " + result.exit()
                    + "\n--- out\n" + result.out() + "\n--- err\n" + result.err());
            results.add(result);
        }
        return results;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The run id in the console's last lines ({@code results: <folder>}). */
    private static String runIdOf(Cli.Result result) {
        String line = result.out().lines().filter(l -> l.startsWith("results: ")).reduce((a, b) -> b).orElseThrow();
        return Path.of(line.substring("results: ".length())).getFileName().toString();
    }

    private static List<String> lines(Cli.Result result, String containing) {
        return result.errLines().stream().filter(line -> line.contains(containing)).toList();
    }

    /** The one line of stderr that contains {@code text}, whole (log lines start with a time). */
    private static String lineWith(Cli.Result result, String text) {
        return result.errLines().stream().filter(line -> line.contains(text)).findFirst().orElse(text);
    }

    private static List<Path> files(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    private void assertNothingHalfWritten() {
        assertThat(Cli.leftovers(results(), ".tmp")).isEmpty();
        assertThat(Cli.leftovers(results(), ".partial")).isEmpty();
    }
}
