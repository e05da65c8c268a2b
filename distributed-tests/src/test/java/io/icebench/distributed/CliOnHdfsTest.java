package io.icebench.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged runner with {@code --dataset hdfs://...}, as a user runs it: the URI reaches the plugin's own JVM, the
 * plugin reads the in-process HDFS, and the reports name the URI; a namenode nobody listens on is that plugin's
 * failure in one line naming the URI, within seconds, and the run keeps its exit code contract.
 */
class CliOnHdfsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path APP = Path.of("..", "runner", "target", "quarkus-app", "quarkus-run.jar")
            .toAbsolutePath().normalize();

    private static MiniDFSCluster cluster;
    private static URI remote;

    @TempDir
    Path temp;

    @BeforeAll
    static void startClusterAndGenerate() throws Exception {
        Path base = Path.of("target", "minidfs-cli").toAbsolutePath();
        cluster = new MiniDFSCluster.Builder(new Configuration(), base.toFile()).numDataNodes(1).build();
        cluster.waitActive();
        remote = URI.create(cluster.getURI() + "/datasets/cli");
        DatasetGenerator.generate(GeneratorSettings.of(2_000, 1_000, 9), remote, n -> { });
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    record Run(int exit, String output, long millis) {
    }

    private Run runner(String... args) throws Exception {
        assertThat(APP).as("the packaged runner (mvn package builds it before this module)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true",
                "-Dicebench.plugins.dataloader-throughput.parameters.warmup_iterations=0",
                "-Dicebench.plugins.dataloader-throughput.parameters.iterations=2",
                "-Dicebench.plugins.dataloader-throughput.parameters.workers=2",
                "-Dicebench.plugins.io.parameters.max_files=1", "-Dicebench.plugins.io.parameters.repetitions=2",
                "-jar", APP.toString()));
        command.addAll(List.of(args));
        Path out = temp.resolve("out-" + System.nanoTime() + ".txt");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the runner ended within 3 minutes").isTrue();
        Run run = new Run(process.exitValue(), Files.readString(out), (System.nanoTime() - start) / 1_000_000);
        System.out.println("$ runner " + String.join(" ", args) + "\nexit " + run.exit() + " in " + run.millis()
                + " ms\n" + run.output());
        return run;
    }

    private JsonNode plugin(String resultsDir, String id) throws Exception {
        for (JsonNode plugin : JSON.readTree(temp.resolve(resultsDir).resolve("latest/results.json").toFile())
                .path("plugins")) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin " + id);
    }

    @Test
    void dataloaderThroughputRunsOnTheDatasetInHdfsThroughTheCommandLine() throws Exception {
        Run run = runner("--mode=explore", "--plugin=dataloader-throughput", "--dataset", remote.toString(),
                "--results-dir", "results");

        assertThat(run.exit()).isZero();
        JsonNode plugin = plugin("results", "dataloader-throughput");
        assertThat(plugin.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(plugin.path("properties").path("dataset").asText()).isEqualTo(remote.toString());
        assertThat(plugin.path("properties").path("events_per_epoch").asText()).isEqualTo("2000");
    }

    @Test
    void theIoPluginOnHdfsSetsTheFetchedBytesAgainstTheProjectionAndTheReaderAgainstARawFileSystemRead()
            throws Exception {
        Run run = runner("--mode=explore", "--plugin=io", "--dataset", remote.toString(), "--results-dir", "io");

        assertThat(run.exit()).isZero();
        JsonNode plugin = plugin("io", "io");
        assertThat(plugin.path("status").asText()).isEqualTo("COMPLETED");
        Map<String, JsonNode> metrics = new java.util.HashMap<>();
        plugin.path("metrics").forEach(m -> metrics.put(m.path("name").asText(), m.path("summary")));
        assertThat(metrics.get("remote_reader_to_raw_ratio").path("median").asDouble())
                .as("the reader decodes, so it is slower than the raw read, but not absurdly").isBetween(0.01, 1.5);
        assertThat(metrics.get("remote_fetched_over_needed_ratio").path("median").asDouble())
                .as("the model columns' chunks plus the footer, nothing more").isBetween(1.0, 1.05);
        assertThat(metrics.get("remote_chunk_fetch_bytes_per_second").path("count").asInt())
                .as("one fetch per column chunk of each timed all-columns read: five columns of one row group, "
                        + "two repetitions")
                .isEqualTo(10);
        assertThat(metrics.get("remote_read_pulses_per_second").path("median").asDouble()).isPositive();
        assertThat(plugin.path("properties").path("dataset").asText()).isEqualTo(remote.toString());
        List<String> tables = new ArrayList<>();
        plugin.path("tables").forEach(t -> tables.add(t.path("name").asText()));
        assertThat(tables).contains("remote_reads", "remote_chunks");
        String report = Files.readString(temp.resolve("io/latest/plugins/io/io-report.md"));
        assertThat(report).contains("a dataset on a Hadoop file system", "fetched / needed", "reader / raw read",
                remote.toString());
    }

    @Test
    void generateDataWritesADatasetIntoHdfsThatTheReaderOpens() throws Exception {
        URI target = URI.create(cluster.getURI() + "/datasets/generated");

        Run run = runner("generate-data", "--out", target.toString(), "--events", "1500", "--events-per-batch", "500");

        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("generated 1,500 events", "in 3 batches into " + target);
        assertThat(io.icebench.icecube.read.Dataset.open(target).batchIds()).containsExactly(1, 2, 3);
        org.apache.hadoop.fs.FileSystem fs = cluster.getFileSystem();
        assertThat(fs.listStatus(new org.apache.hadoop.fs.Path("/datasets"))).extracting(s -> s.getPath().getName())
                .noneMatch(name -> name.contains(".partial"));
    }

    @Test
    void aNamenodeNobodyListensOnFailsThePluginInOneLineNamingTheUriWithinSeconds() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String dead = "hdfs://localhost:" + port + "/datasets/none";

        Run run = runner("--mode=explore", "--plugin=dataloader-throughput", "--dataset", dead,
                "--results-dir", "dead");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(plugin("dead", "dataloader-throughput").path("failure").asText()).contains(dead)
                .doesNotContain("\n");
        assertThat(run.millis()).as("a dead cluster does not hang the run").isLessThan(60_000);
    }
}
