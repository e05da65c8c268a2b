package io.icebench.runner.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.icebench.icecube.Column;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.Layout;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.Split;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.icecube.parquet.ParquetFiles;
import io.icebench.icecube.parquet.WriteOptions;
import io.icebench.icecube.read.BatchReader;
import io.icebench.runner.testing.Cli;
import io.icebench.runner.testing.Yaml;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reliability battery's data-file cases: a damaged baseline, pulses that break the data contract, a dataset or
 * cache shared between users, and a meta file without events. Each runs the packaged runner and asserts its exit
 * code, its one line, that nothing half-written is left, and, where a plugin fails, that the others still ran.
 *
 * <p>Datasets are tiny (200 events in two batches), written in this JVM by the project's own generator, and broken
 * by rewriting one batch with the project's own parquet writer.
 */
class DataFilesIT {

    private static final String CONFIG = """
            icebench:
              reports: [json, junit-xml]
              plugins:
                forward-latency:
                  enabled: false
                cpu-calibration:
                  parameters: {elements: 20000, buffer_mib: 1, warmup_iterations: 1, iterations: 5}
                dataloader-throughput:
                  parameters: {batch_size: 32, workers: 1, warmup_iterations: 0, iterations: 2}
            """;
    private static final String[] GATES = {"--mode=regression", "--config", "icebench.yaml", "--results-dir",
        "results"};

    /**
     * A good dataset, shared by the cases that copy and break it; and a folder in which the gates ran once and that
     * run was saved as the baseline {@code default}, read as it is or copied by the cases that need a saved run.
     */
    @TempDir
    static Path shared;
    private static Path dataset;
    private static Path saved;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateATinyDataset() {
        dataset = shared.resolve("dataset");
        try {
            Files.createDirectories(dataset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatasetGenerator.generate(GeneratorSettings.of(200, 100, 7), dataset, done -> { });
    }

    @BeforeAll
    static void runTheGatesOnceAndSaveTheRun() {
        saved = shared.resolve("saved");
        Yaml.write(saved, "icebench.yaml", CONFIG);
        Cli cli = Cli.in(saved);
        assertThat(cli.run(GATES).exit()).isZero();
        assertThat(cli.run("baseline", "save", "--name", "default", "--results-dir", "results").exit()).isZero();
    }

    private Cli cli() {
        Yaml.write(dir, "icebench.yaml", CONFIG);
        return Cli.in(dir);
    }

    private static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    // --- case 10: a saved baseline with garbage in it

    @Test
    void aNullSampleOrGarbageInABaselineIsExitTwoWithOneLineNamingTheFileWhatIsWrongAndTheFix() throws IOException {
        Cli cli = cli();
        copy(saved.resolve("results"), dir.resolve("results"));
        Path baseline = dir.resolve("results/baselines/default.json");
        String good = Files.readString(baseline);
        List<Path> runs = runFolders();
        String fix = "; save it again with 'runner baseline save --name default' (or restore it from a copy)";

        Map<String, byte[]> damaged = new TreeMap<>();
        String nullSample = good.replaceFirst("(\"samples\" : \\[ )[-0-9.E]+", "$1null");
        assertThat(nullSample).isNotEqualTo(good);
        damaged.put("plugin 'cpu-calibration', metric 'sort_time': sample 0 is null; every sample must be a finite"
                + " number", nullSample.getBytes(StandardCharsets.UTF_8));
        byte[] badByte = good.getBytes(StandardCharsets.UTF_8);
        badByte[3] = (byte) 0xC3; // a lead byte followed by ASCII: not UTF-8
        damaged.put("is not UTF-8 text: byte 0xC3 at offset 3 is not valid UTF-8; the file is damaged", badByte);
        // cut just after a comma: a cut inside a number ("1.") is a different JSON error, which failed a CI run
        String truncated = good.substring(0, good.lastIndexOf(',', good.length() / 2) + 1);
        damaged.put("is not valid JSON (Unexpected end-of-input", truncated.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> broken : damaged.entrySet()) {
            Files.write(baseline, broken.getValue());

            Cli.Result result = cli.run(with(GATES, "--baseline", "default"));

            assertThat(result.exit()).as(broken.getKey()).isEqualTo(2);
            assertThat(result.errLines()).as(broken.getKey()).hasSize(1);
            assertThat(result.errLines().get(0)).as(broken.getKey())
                    .startsWith("icebench: --baseline default: '" + baseline + "'")
                    .contains(broken.getKey())
                    .endsWith(fix);
            assertThat(Files.readAllBytes(baseline)).as("the baseline is left as it was").isEqualTo(broken.getValue());
            assertThat(runFolders()).as("no run was started").isEqualTo(runs);
        }
        assertThat(Cli.leftovers(dir.resolve("results"), ".tmp")).isEmpty();
        assertThat(Cli.leftovers(dir.resolve("results"), ".partial")).isEmpty();
    }

    // --- case 11: pulses that break the data contract

    @Test
    void aSensorOutsideTheGeometryOrAnInfiniteChargeFailsOnlyThePluginThatReadsItNamingFileRowColumnValueAndRule()
            throws IOException {
        Cli cli = cli();
        Path badSensor = copyWith("bad-sensor", 2, 57, Column.SENSOR_ID, 9999);
        Path badCharge = copyWith("bad-charge", 1, 4_321, Column.CHARGE, Double.POSITIVE_INFINITY);

        Map<Path, String> expected = Map.of(
                badSensor, "'" + Layout.batchFile(badSensor, Split.TRAIN, 2) + "': column 'sensor_id', row group 0:"
                        + " row 57 holds sensor_id 9999, but sensor_id must be a DOM of sensor_geometry.csv, 0..5159:"
                        + " fix or drop that row and write the file again",
                badCharge, "'" + Layout.batchFile(badCharge, Split.TRAIN, 1) + "': column 'charge', row group 0:"
                        + " row 4321 holds charge Infinity, but charge must be a finite number, not NaN or ±Infinity:"
                        + " fix or drop that row and write the file again");
        for (Map.Entry<Path, String> broken : expected.entrySet()) {
            List<String> before = listing(broken.getKey());

            Cli.Result result = cli.run(with(GATES, "--dataset", broken.getKey().toString()));

            assertThat(result.exit()).isEqualTo(3);
            assertThat(result.output()).doesNotContain("out of bounds");
            JsonNode run = result.latestResults("results");
            assertThat(run.get("exitCode").asInt()).isEqualTo(3);
            JsonNode loader = plugin(run, "dataloader-throughput");
            assertThat(loader.get("status").asText()).isEqualTo("ERROR");
            assertThat(loader.get("failure").asText()).endsWith(broken.getValue()).doesNotContain("\n");
            JsonNode calibration = plugin(run, "cpu-calibration");
            assertThat(calibration.get("status").asText()).as("the other plugin still ran").isEqualTo("COMPLETED");
            assertThat(calibration.get("metrics")).isNotEmpty();
            assertThat(listing(broken.getKey())).as("the dataset is left as it was").isEqualTo(before);
        }
        assertThat(Cli.leftovers(dir.resolve("results"), ".partial")).isEmpty();
    }

    // --- case 12: shared datasets, caches and baselines

    @Test
    void generatedDataAndSavedBaselinesGetThePermissionsOfAnyNewFileSoOthersCanReadThem() throws IOException {
        String folderMode = mode(Files.createDirectory(dir.resolve("probe-folder")));
        String fileMode = mode(Files.createFile(dir.resolve("probe-file")));
        Cli cli = cli();

        assertThat(cli.run("generate-data", "--out", "generated", "--events", "60", "--events-per-batch", "30")
                .exit()).isZero();

        try (Stream<Path> paths = Files.walk(dir.resolve("generated"))) {
            for (Path path : paths.toList()) {
                assertThat(mode(path)).as(path.toString()).isEqualTo(Files.isDirectory(path) ? folderMode : fileMode);
            }
        }
        // saved by the runner (not copied) in the run of runTheGatesOnceAndSaveTheRun
        assertThat(mode(saved.resolve("results/baselines/default.json"))).isEqualTo(fileMode);
        assertThat(Cli.leftovers(dir, ".tmp")).isEmpty();
        assertThat(Cli.leftovers(dir, ".partial-")).isEmpty();
        assertThat(Cli.leftovers(saved, ".tmp")).isEmpty();
        assertThat(Cli.leftovers(saved, ".partial-")).isEmpty();
    }

    @Test
    void aSecondUserReadsASharedDatasetAndIsToldPermissionDeniedWhereItIsClosed() throws IOException {
        OtherUser other = OtherUser.find();
        // Written as the cache writes it (the same folder creation), by this user, for the other one to read.
        Path open = shared.resolve("shared-open");
        assertThat(cli().run("generate-data", "--out", open.toString(), "--events", "60", "--events-per-batch", "30")
                .exit()).isZero();
        Path closed = copy(dataset, shared.resolve("shared-closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        Path cache = Files.createDirectories(shared.resolve("closed-cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("---------"));
        Path baseline = Files.createDirectories(dir.resolve("results/baselines")).resolve("closed.json");
        Files.writeString(baseline, "{}");
        Files.setPosixFilePermissions(baseline, PosixFilePermissions.fromString("---------"));
        try {
            Yaml.write(dir, "icebench.yaml", CONFIG);
            other.mayUse(shared, dir, dir.resolve("results"));

            OtherUser.Result read = other.run(dir, with(GATES, "--dataset", open.toString()));
            assertThat(read.exit()).as(read.output()).isZero();

            OtherUser.Result denied = other.run(dir, with(GATES, "--dataset", closed.toString()));
            assertThat(denied.exit()).as(denied.output()).isEqualTo(3);
            assertThat(denied.output())
                    .contains("'" + closed + "': permission denied: this user may not read the dataset folder (owner ")
                    .contains("---------); make it readable (chmod -R a+rX '" + closed + "', or ask its owner), or use"
                            + " a dataset folder of your own (--dataset DIR, or ICEBENCH_DATA_CACHE for the default"
                            + " dataset)")
                    .doesNotContain("not a dataset folder");

            OtherUser.Result cacheDenied = other.run(dir, Map.of("ICEBENCH_DATA_CACHE", cache.toString()), GATES);
            assertThat(cacheDenied.exit()).as(cacheDenied.output()).isEqualTo(3);
            assertThat(cacheDenied.output()).contains("'" + cache + "': permission denied: this user may not read the"
                    + " dataset cache").contains("or set ICEBENCH_DATA_CACHE to a folder of your own");

            OtherUser.Result baselineDenied = other.run(dir, with(GATES, "--baseline", "closed"));
            assertThat(baselineDenied.exit()).as(baselineDenied.output()).isEqualTo(2);
            assertThat(baselineDenied.output()).contains("icebench: --baseline closed: permission denied reading '")
                    .contains("baselines/closed.json'; make it readable to this user (chmod a+r '");
            assertThat(Cli.leftovers(dir.resolve("results"), ".partial")).isEmpty();
        } finally {
            // Let the owner (and JUnit, which deletes the folders) in again.
            for (Path path : List.of(closed, cache, baseline)) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    // --- case 13: a meta file without events

    @Test
    void aMetaFileWithoutEventsFailsThePluginThatReadsItNamingTheFileAndTheOthersStillRun() throws IOException {
        Cli cli = cli();
        Path empty = copy(dataset, shared.resolve("no-events"));
        Path meta = Layout.metaFile(empty, Split.TRAIN);
        Files.delete(meta);
        ParquetFiles.writeMeta(meta, new EventMeta(new long[0], new long[0], new long[0], new long[0],
                new double[0], new double[0]), WriteOptions.kaggle());

        Cli.Result result = cli.run(with(GATES, "--dataset", empty.toString()));

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.output()).doesNotContain("without samples");
        JsonNode run = result.latestResults("results");
        assertThat(plugin(run, "dataloader-throughput").get("failure").asText()).endsWith("'" + meta + "': meta file"
                + " has no events (0 rows), so the dataset has nothing to measure; write the meta file again with"
                + " the batches' events, or regenerate the dataset");
        assertThat(plugin(run, "cpu-calibration").get("status").asText()).isEqualTo("COMPLETED");
        assertThat(Cli.leftovers(dir.resolve("results"), ".partial")).isEmpty();
    }

    // --- helpers

    /** A copy of the good dataset in which one value of one batch is replaced. */
    private static Path copyWith(String name, int batchId, int row, Column column, double value) throws IOException {
        Path copy = copy(dataset, shared.resolve(name));
        Path file = Layout.batchFile(copy, Split.TRAIN, batchId);
        PulseBatch pulses = BatchReader.read(file, EnumSet.allOf(Column.class), 1);
        short[] sensors = pulses.sensorId().clone();
        double[] charges = pulses.charge().clone();
        if (column == Column.SENSOR_ID) {
            sensors[row] = (short) value;
        } else {
            charges[row] = value;
        }
        Path temp = file.resolveSibling("rewrite.tmp");
        ParquetFiles.writeBatch(temp, new PulseBatch(pulses.size(), sensors, pulses.time(), charges,
                pulses.auxiliary(), pulses.eventId()), WriteOptions.kaggle());
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /** A copy of {@code from} with its files' times and modes; a link (a results folder's latest) stays a link. */
    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
            }
        }
        return to;
    }

    /** Every file below {@code folder} with its size, to show a run changed nothing there. */
    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.sorted().map(p -> folder.relativize(p) + " " + p.toFile().length()).toList();
        }
    }

    private List<Path> runFolders() throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve("results"))) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static JsonNode plugin(JsonNode run, String id) {
        for (JsonNode plugin : run.get("plugins")) {
            if (plugin.get("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin " + id + " in " + run);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /**
     * Another user than the one who wrote the files, as a shared cache's second user is. When the tests run as root
     * (for whom no mode denies a read), that is {@code nobody} through {@code setpriv}; otherwise it is the test's
     * own user, whom a folder or file of mode 000 shuts out just as well.
     */
    private record OtherUser(List<String> prefix) {

        /** Exit code and output of one launch. */
        record Result(int exit, String output) {
        }

        static OtherUser find() {
            boolean root = ProcessHandle.current().info().user().map("root"::equals).orElse(false);
            if (!root) {
                return new OtherUser(List.of());
            }
            Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable)
                    .findFirst().orElse(null);
            Assumptions.assumeTrue(setpriv != null, "running as root without setpriv: no other user to read as,"
                    + " and root reads whatever the mode");
            return new OtherUser(List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                    "--"));
        }

        /** Lets the other user enter {@code folders} (JUnit makes temporary folders 0700) and write the last. */
        void mayUse(Path... folders) throws IOException {
            if (prefix.isEmpty()) {
                return;
            }
            for (int i = 0; i < folders.length; i++) {
                Files.createDirectories(folders[i]);
                Files.setPosixFilePermissions(folders[i], PosixFilePermissions.fromString(
                        i == folders.length - 1 ? "rwxrwxrwx" : "rwxr-xr-x"));
            }
        }

        Result run(Path workDir, String... args) throws IOException {
            return run(workDir, Map.of(), args);
        }

        Result run(Path workDir, Map<String, String> environment, String... args) throws IOException {
            List<String> command = new ArrayList<>(prefix);
            command.addAll(Cli.in(workDir).command(args));
            Path output = Files.createTempFile(workDir, "other-user-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("ICEBENCH_PROGRESS", "off");
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                if (!process.waitFor(Cli.LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError("the runner did not end within " + Cli.LIMIT + ": " + command);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            String text = Files.readString(output);
            Files.delete(output);
            System.out.println("$ " + String.join(" ", command) + "\nexit " + process.exitValue() + "\n" + text);
            return new Result(process.exitValue(), text);
        }
    }
}
