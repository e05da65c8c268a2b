package io.icebench.distributed;

import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.plugins.dataloader.DataloaderThroughputPlugin;
import io.icebench.spi.Measurement;
import io.icebench.spi.Measurements;
import io.icebench.spi.testkit.TestContext;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dataloader-throughput, unchanged, on a dataset in an in-process HDFS: the plugin is handed the dataset's URI as a
 * run with {@code --dataset hdfs://...} hands it, and delivers the same events, pulses and batches per epoch as on
 * the local copy of the same dataset.
 */
class DataloaderOnHdfsTest {

    private static final GeneratorSettings SETTINGS = GeneratorSettings.of(3_000, 1_000, 5);
    private static final Map<String, String> PARAMETERS = Map.of("warmup_iterations", "0", "iterations", "2",
            "workers", "2", "read_threads", "1", "shuffle", "false");

    private static MiniDFSCluster cluster;
    private static URI remote;

    @TempDir
    static Path temp;

    @BeforeAll
    static void startClusterAndGenerate() throws Exception {
        Path base = Path.of("target", "minidfs-dataloader").toAbsolutePath();
        deleteRecursively(base);
        cluster = new MiniDFSCluster.Builder(new Configuration(), base.toFile()).numDataNodes(1).build();
        cluster.waitActive();
        remote = URI.create(cluster.getURI() + "/datasets/loader");
        DatasetGenerator.generate(SETTINGS, remote, n -> { });
        DatasetGenerator.generate(SETTINGS, Files.createDirectories(temp.resolve("local")).toUri(), n -> { });
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static Measurements run(TestContext context) throws Exception {
        return new DataloaderThroughputPlugin().run(context);
    }

    @Test
    void theLoaderDeliversTheSameEpochsFromHdfsAsFromTheLocalCopy() throws Exception {
        DataloaderThroughputPlugin plugin = new DataloaderThroughputPlugin();
        Measurements fromHdfs = run(new TestContext(plugin, PARAMETERS, null, temp.resolve("out-hdfs"))
                .withDatasetLocation(remote));
        Measurements fromDisk = run(new TestContext(plugin, PARAMETERS, temp.resolve("local"),
                temp.resolve("out-local")));

        assertThat(fromHdfs.properties().get("dataset")).isEqualTo(remote.toString());
        for (String key : new String[] {"files", "events_per_epoch", "pulses_per_epoch", "batches_per_epoch"}) {
            assertThat(fromHdfs.properties().get(key)).as(key).isEqualTo(fromDisk.properties().get(key));
        }
        assertThat(fromHdfs.properties().get("events_per_epoch")).isEqualTo("3000");
        Measurement rate = fromHdfs.measurements().stream().filter(m -> m.metric().name().equals("events_per_second"))
                .findFirst().orElseThrow();
        assertThat(rate.samples()).hasSize(2);
        assertThat(java.util.Arrays.stream(rate.samples()).min().orElseThrow()).isPositive();
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
