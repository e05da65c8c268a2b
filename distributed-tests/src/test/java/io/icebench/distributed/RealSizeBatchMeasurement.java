package io.icebench.distributed;

import io.icebench.icecube.Column;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.icecube.read.Dataset;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Not a test (surefire's default includes skip the name), a measurement to run by hand: one real-size batch
 * (200,000 events, about 33 million pulses) read from a one-datanode MiniDFSCluster against the warm local
 * (memory-mapped) read of the same file, and against a raw {@code FileSystem} read of the same bytes. Rounds
 * alternate the three so a busy machine slows each alike; medians are printed.
 *
 * <pre>mvn -B -o test -pl distributed-tests -am -Dtest=RealSizeBatchMeasurement -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class RealSizeBatchMeasurement {

    private static final int ROUNDS = 5;

    private static Path localBatch() throws Exception {
        Path local = Path.of("target", "measure-local").toAbsolutePath();
        if (!Files.exists(local.resolve("train_meta.parquet"))) {
            Files.createDirectories(local);
            long start = System.nanoTime();
            DatasetGenerator.generate(GeneratorSettings.of(200_000, 200_000, 1), local, n -> { });
            System.out.printf("generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        return local;
    }

    /**
     * The project's own command on both copies, alternating: {@code runner --mode=explore --plugin=io} on the local
     * folder (warm reads only) and on the HDFS copy; each prints its medians, and the ratio of the two medians of
     * pulses/s (the model's four columns, all cores) is the figure.
     *
     * <pre>mvn -B -o test -pl distributed-tests -am -Dtest=RealSizeBatchMeasurement#theIoPlugin* -Dsurefire.failIfNoSpecifiedTests=false</pre>
     */
    @Test
    void theIoPluginOnHdfsAgainstTheIoPluginOnTheLocalCopy() throws Exception {
        Path local = localBatch();
        Path app = Path.of("..", "runner", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(new Configuration(),
                Path.of("target", "minidfs-measure").toFile()).numDataNodes(1).build();
        try {
            cluster.waitActive();
            cluster.getFileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()),
                    new org.apache.hadoop.fs.Path("/m"));
            String remote = cluster.getURI() + "/m";
            Path results = Path.of("target", "measure-results").toAbsolutePath();
            for (int round = 0; round < 3; round++) {
                for (String dataset : new String[] {local.toString(), remote}) {
                    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString(), "-Dai.djl.offline=true", "-Dicebench.plugins.io.parameters.max_files=1",
                            "-Dicebench.plugins.io.parameters.repetitions=5",
                            "-Dicebench.plugins.io.parameters.cold=false",
                            "-Dicebench.plugins.io.parameters.duckdb=false", "-jar", app.toString(),
                            "--mode=explore", "--plugin=io", "--dataset", dataset, "--results-dir",
                            results.toString()).redirectErrorStream(true).start();
                    String out = new String(process.getInputStream().readAllBytes());
                    process.waitFor();
                    System.out.println("round " + round + " " + dataset + " (load "
                            + Files.readString(Path.of("/proc/loadavg")).trim() + ")");
                    out.lines().filter(l -> l.contains("pulses_per_second") || l.contains("ratio")
                            || l.contains("bytes_per_second")).forEach(System.out::println);
                }
            }
        } finally {
            cluster.shutdown();
        }
    }

    @Test
    void hdfsAgainstTheWarmLocalRead() throws Exception {
        Path local = localBatch();
        Configuration conf = new Configuration();
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, Path.of("target", "minidfs-measure").toFile())
                .numDataNodes(1).build();
        try {
            cluster.waitActive();
            FileSystem fs = cluster.getFileSystem();
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path("/m"));
            URI remote = URI.create(cluster.getURI() + "/m");
            Dataset fromDisk = Dataset.open(local.toUri());
            Dataset fromHdfs = Dataset.open(remote);
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/m/train/batch_1.parquet");
            long bytes = fs.getFileStatus(file).getLen();
            int threads = Runtime.getRuntime().availableProcessors();
            Set<Column> all = EnumSet.allOf(Column.class);
            PulseBatch warm = fromDisk.readBatch(1, all, threads);
            fromHdfs.meta();
            long metaBytes = fromHdfs.bytesFetched();
            long metaReads = fromHdfs.readsIssued();
            fromHdfs.readBatch(1, all, threads);
            System.out.printf("batch_1.parquet: %,d bytes, %,d pulses, %d threads, load %s%n", bytes, warm.size(),
                    threads, Files.readString(Path.of("/proc/loadavg")).trim());
            double[] localSeconds = new double[ROUNDS];
            double[] hdfsSeconds = new double[ROUNDS];
            double[] rawSeconds = new double[ROUNDS];
            byte[] buffer = new byte[8 << 20];
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                fromDisk.readBatch(1, all, threads);
                localSeconds[round] = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                fromHdfs.readBatch(1, all, threads);
                hdfsSeconds[round] = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                try (FSDataInputStream in = fs.open(file)) {
                    for (long at = 0; at < bytes; at += buffer.length) {
                        in.readFully(at, buffer, 0, (int) Math.min(buffer.length, bytes - at));
                    }
                }
                rawSeconds[round] = (System.nanoTime() - start) / 1e9;
            }
            double localMedian = median(localSeconds);
            double hdfsMedian = median(hdfsSeconds);
            double rawMedian = median(rawSeconds);
            System.out.printf("local warm read  %s s, median %.3f s (%.0f MB/s of file)%n",
                    Arrays.toString(round(localSeconds)), localMedian, bytes / 1e6 / localMedian);
            System.out.printf("HDFS read        %s s, median %.3f s (%.0f MB/s)%n",
                    Arrays.toString(round(hdfsSeconds)), hdfsMedian, bytes / 1e6 / hdfsMedian);
            System.out.printf("raw HDFS bytes   %s s, median %.3f s (%.0f MB/s, one stream, 8 MiB preads)%n",
                    Arrays.toString(round(rawSeconds)), rawMedian, bytes / 1e6 / rawMedian);
            System.out.printf("HDFS read / local warm read: %.2fx the speed; HDFS read / raw bytes: %.2fx%n",
                    localMedian / hdfsMedian, rawMedian / hdfsMedian);
            System.out.printf("HDFS bytes fetched per read of all columns: %,d (file %,d), positioned reads %d%n",
                    (fromHdfs.bytesFetched() - metaBytes) / (ROUNDS + 1), bytes,
                    (fromHdfs.readsIssued() - metaReads) / (ROUNDS + 1));
            System.out.printf("load after %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            cluster.shutdown();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 1000) / 1000.0).toArray();
    }
}
