package io.icebench.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.icebench.icecube.Column;
import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.icecube.read.Dataset;
import io.icebench.icecube.storage.HadoopConf;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.icebench.distributed.HdfsDatasetTest.sums;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dataset on an S3-compatible object store, {@code s3a://}: S3Proxy (filesystem backend) in a child JVM, Hadoop's
 * S3A client in this one and in the runner's. The dataset generated into a bucket reads back exactly as the same
 * dataset generated locally; the packaged runner reads it with the credentials in its environment and prints them
 * nowhere; a wrong secret, a missing path and an endpoint nobody listens on are each one line naming the URI.
 */
class S3DatasetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeneratorSettings SETTINGS = GeneratorSettings.of(2_000, 1_000, 33);
    private static final Path APP = Path.of("..", "runner", "target", "quarkus-app", "quarkus-run.jar")
            .toAbsolutePath().normalize();

    private static S3ProxyServer server;
    private static URI remote;
    private static Path local;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServerAndGenerate() throws Exception {
        Path base = Files.createTempDirectory("icebench-s3");
        server = S3ProxyServer.start(base, "icebench");
        remote = URI.create("s3a://icebench/datasets/small");
        DatasetGenerator.generate(SETTINGS, remote, conf(S3ProxyServer.SECRET_KEY), n -> { });
        local = Files.createDirectories(base.resolve("local"));
        DatasetGenerator.generate(SETTINGS, local, n -> { });
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /**
     * The S3A settings as the runner's {@code icebench.hadoop.*} would give them, with credentials in the
     * configuration: this JVM cannot set its own environment. The runner's test below takes them from the
     * environment, as users must.
     */
    private static Configuration conf(String secret) {
        Properties properties = new Properties();
        server.s3aSettings().forEach((k, v) -> properties.setProperty(HadoopConf.PROPERTY_PREFIX + k, v));
        Configuration conf = HadoopConf.configuration(null, properties);
        conf.set("fs.s3a.access.key", S3ProxyServer.ACCESS_KEY);
        conf.set("fs.s3a.secret.key", secret);
        // a fresh client per configuration, so the wrong secret below is not served from the cache
        conf.setBoolean("fs.s3a.impl.disable.cache", true);
        return conf;
    }

    @Test
    void everyColumnOfEveryBatchSumsAsTheLocalReadOfTheSameDataset() {
        Dataset fromS3 = Dataset.open(remote, null, conf(S3ProxyServer.SECRET_KEY));
        Dataset fromDisk = Dataset.open(local.toUri());

        assertThat(fromS3.isLocal()).isFalse();
        assertThat(fromS3.batchIds()).isEqualTo(fromDisk.batchIds()).containsExactly(1, 2);
        for (int id : fromDisk.batchIds()) {
            PulseBatch expected = fromDisk.readBatch(id, EnumSet.allOf(Column.class), 2);
            PulseBatch actual = fromS3.readBatch(id, EnumSet.allOf(Column.class), 2);
            assertThat(sums(actual)).as("batch %d: pulses, sensor_id, time, charge, auxiliary, event_id", id)
                    .containsExactly(sums(expected));
        }
        assertThat(fromS3.meta().eventId()).isEqualTo(fromDisk.meta().eventId());
        long before = fromS3.readsIssued();
        fromS3.readBatch(1, EnumSet.allOf(Column.class), 2);
        assertThat(fromS3.readsIssued() - before).as("ranged GETs to read a batch again: one per column chunk "
                + "(five columns, one row group), and three for the footer: the magic at the start, the footer's "
                + "length and magic at the end (8 bytes read by parquet in five pieces, fetched once), the footer")
                .isEqualTo(8);
    }

    @Test
    void aWrongSecretIsOneLineNamingTheUriAndTheDenial() {
        assertThatThrownBy(() -> Dataset.open(remote, null, conf("not-the-secret")))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageStartingWith("'" + remote + "': permission denied: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "not-the-secret",
                        S3ProxyServer.SECRET_KEY));
    }

    @Test
    void aMissingPathIsOneLineNamingTheUri() {
        URI missing = URI.create("s3a://icebench/datasets/nowhere");

        assertThatThrownBy(() -> Dataset.open(missing, null, conf(S3ProxyServer.SECRET_KEY)))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessage("'" + missing + "': dataset folder does not exist; check the URI");
    }

    @Test
    void anEndpointNobodyListensOnIsOneLineNamingTheUriWithinSeconds() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Configuration conf = conf(S3ProxyServer.SECRET_KEY);
        conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + port);
        long start = System.nanoTime();

        assertThatThrownBy(() -> Dataset.open(remote, null, conf))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageStartingWith("'" + remote + "': cannot reach the file system at icebench (")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat((System.nanoTime() - start) / 1e9).as("seconds to fail").isLessThan(20);
    }

    @Test
    void theRunnerReadsTheBucketWithCredentialsFromItsEnvironmentAndPrintsThemNowhere() throws Exception {
        assertThat(APP).as("the packaged runner (mvn package builds it before this module)").isRegularFile();
        StringBuilder yaml = new StringBuilder("icebench:\n  hadoop:\n");
        server.s3aSettings().forEach((k, v) -> yaml.append("    ").append(k).append(": \"").append(v)
                .append("\"\n"));
        yaml.append("  plugins:\n    dataloader-throughput:\n      parameters:\n        warmup_iterations: 0\n"
                + "        iterations: 2\n        workers: 2\n");
        Path config = Files.writeString(temp.resolve("s3.yaml"), yaml);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-jar", APP.toString(), "--mode=explore",
                "--plugin=dataloader-throughput", "--config", config.toString(), "--dataset", remote.toString(),
                "--results-dir", "results"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("out.txt").toFile());
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the runner ended within 3 minutes").isTrue();
        String output = Files.readString(temp.resolve("out.txt"));
        System.out.println(output);

        assertThat(process.exitValue()).as(output).isZero();
        JsonNode plugin = JSON.readTree(temp.resolve("results/latest/results.json").toFile()).path("plugins").get(0);
        assertThat(plugin.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(plugin.path("properties").path("dataset").asText()).isEqualTo(remote.toString());
        assertThat(plugin.path("properties").path("events_per_epoch").asText()).isEqualTo("2000");
        assertThat(output).doesNotContain(S3ProxyServer.SECRET_KEY);
        try (Stream<Path> files = Files.walk(temp.resolve("results"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("%s names no credential", file).doesNotContain(S3ProxyServer.SECRET_KEY);
            }
        }
    }
}
