package io.icebench.distributed;

import io.icebench.icecube.Column;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.IcecubeDataException;
import io.icebench.icecube.PulseBatch;
import io.icebench.icecube.generate.DatasetGenerator;
import io.icebench.icecube.generate.GeneratorSettings;
import io.icebench.icecube.read.Dataset;
import io.icebench.icecube.storage.HadoopConf;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dataset generated into a real in-process HDFS (three datanodes, every block on two of them, blocks small
 * enough that each batch file spans several) reads back exactly as the same dataset generated locally, survives a
 * datanode stopped in the middle of a read, and fails in one line naming the URI when the path is missing, the
 * namenode is down or the user may not read it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HdfsDatasetTest {

    private static final GeneratorSettings SETTINGS = GeneratorSettings.of(4_000, 1_500, 21).withForcedExtremeEvents(1);
    /** Small blocks, so a batch file spans dozens and its later column chunks lie on every datanode. */
    private static final long BLOCK = 64 * 1024;

    private static MiniDFSCluster cluster;
    private static URI remote;
    private static Path local;

    @BeforeAll
    static void startClusterAndGenerate() throws Exception {
        Path base = Path.of("target", "minidfs").toAbsolutePath();
        deleteRecursively(base);
        Configuration conf = new Configuration();
        conf.setLong("dfs.namenode.fs-limits.min-block-size", 16 * 1024);
        conf.setLong("dfs.blocksize", BLOCK);
        conf.setInt("dfs.replication", 2);
        long start = System.nanoTime();
        cluster = new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(3).build();
        cluster.waitActive();
        System.out.printf("MiniDFSCluster with 3 datanodes started in %.1f s%n", (System.nanoTime() - start) / 1e9);

        // The way users configure it: icebench.hadoop.* system properties, read by HadoopConf.
        System.setProperty(HadoopConf.PROPERTY_PREFIX + "dfs.replication", "2");
        System.setProperty(HadoopConf.PROPERTY_PREFIX + "dfs.blocksize", Long.toString(BLOCK));
        remote = URI.create(cluster.getURI() + "/datasets/small");
        DatasetGenerator.generate(SETTINGS, remote, n -> { });
        local = Files.createDirectories(Path.of("target", "local-copy").toAbsolutePath());
        deleteRecursively(local);
        Files.createDirectories(local);
        DatasetGenerator.generate(SETTINGS, local.toUri(), n -> { });
    }

    @AfterAll
    static void stopCluster() {
        System.clearProperty(HadoopConf.PROPERTY_PREFIX + "dfs.replication");
        System.clearProperty(HadoopConf.PROPERTY_PREFIX + "dfs.blocksize");
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Test
    @Order(1)
    void theGeneratorWroteTheLayoutWithTheReplicationTheSystemPropertiesAsked() throws Exception {
        FileSystem fs = cluster.getFileSystem();
        FileStatus batch = fs.getFileStatus(new org.apache.hadoop.fs.Path("/datasets/small/train/batch_1.parquet"));
        assertThat(batch.getReplication()).isEqualTo((short) 2);
        assertThat(batch.getBlockSize()).isEqualTo(BLOCK);
        assertThat(batch.getLen()).isGreaterThan(10 * BLOCK);
        assertThat(fs.exists(new org.apache.hadoop.fs.Path("/datasets/small/train_meta.parquet"))).isTrue();
        assertThat(fs.exists(new org.apache.hadoop.fs.Path("/datasets/small/sensor_geometry.csv"))).isTrue();
    }

    @Test
    @Order(2)
    void everyColumnOfEveryBatchSumsAsTheLocalReadOfTheSameDataset() {
        Dataset fromHdfs = Dataset.open(remote);
        Dataset fromDisk = Dataset.open(local.toUri());
        assertThat(fromHdfs.isLocal()).isFalse();
        assertThat(fromDisk.isLocal()).isTrue();
        assertThat(fromHdfs.batchIds()).isEqualTo(fromDisk.batchIds()).containsExactly(1, 2, 3);
        for (int id : fromDisk.batchIds()) {
            PulseBatch expected = fromDisk.readBatch(id, EnumSet.allOf(Column.class), 2);
            PulseBatch actual = fromHdfs.readBatch(id, EnumSet.allOf(Column.class), 2);
            assertThat(sums(actual)).as("batch %d: pulses, sensor_id, time, charge, auxiliary, event_id", id)
                    .containsExactly(sums(expected));
        }
        EventMeta expected = fromDisk.meta();
        EventMeta actual = fromHdfs.meta();
        assertThat(sum(actual.eventId())).isEqualTo(sum(expected.eventId()));
        assertThat(sum(actual.firstPulse())).isEqualTo(sum(expected.firstPulse()));
        assertThat(sum(actual.lastPulse())).isEqualTo(sum(expected.lastPulse()));
        assertThat(Arrays.stream(actual.azimuth()).sum()).isEqualTo(Arrays.stream(expected.azimuth()).sum());
        assertThat(Arrays.stream(actual.zenith()).sum()).isEqualTo(Arrays.stream(expected.zenith()).sum());
        assertThat(fromHdfs.geometry().xs()).isEqualTo(fromDisk.geometry().xs());
    }

    @Test
    @Order(3)
    void aCoreSiteXmlInTheConfDirNamesTheNamenodeForAUriWithoutOne() throws Exception {
        Path confDir = Files.createDirectories(Path.of("target", "hadoop-conf").toAbsolutePath());
        Files.writeString(confDir.resolve("core-site.xml"), "<?xml version=\"1.0\"?><configuration><property>"
                + "<name>fs.defaultFS</name><value>" + cluster.getURI() + "</value></property></configuration>");
        Configuration conf = HadoopConf.configuration(confDir.toString(), new java.util.Properties());
        Dataset dataset = Dataset.open(URI.create("hdfs:///datasets/small"), null, conf);
        assertThat(dataset.location()).isEqualTo(remote);
        assertThat(dataset.eventCount(1)).isEqualTo(1_500);
    }

    @Test
    @Order(4)
    void generatingIntoATargetAppearsWholeUnderItsNameWithNoPartialFolderLeft() throws Exception {
        URI target = URI.create(cluster.getURI() + "/datasets/whole");
        DatasetGenerator.generateInto(GeneratorSettings.of(500, 250, 3), target, HadoopConf.configuration(),
                n -> { });
        FileSystem fs = cluster.getFileSystem();
        assertThat(Dataset.open(target).batchIds()).containsExactly(1, 2);
        assertThat(Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path("/datasets")))
                .map(status -> status.getPath().getName())).doesNotContain(".whole.partial").noneMatch(
                        name -> name.contains("partial"));
    }

    @Test
    @Order(5)
    void aGenerationThatRunsOutOfQuotaIsOneLineAndLeavesNothingBehind() throws Exception {
        DistributedFileSystem fs = cluster.getFileSystem();
        org.apache.hadoop.fs.Path limited = new org.apache.hadoop.fs.Path("/limited");
        fs.mkdirs(limited);
        // Room for a few blocks of two replicas: the first batch file runs out in the middle.
        fs.setQuota(limited, HdfsConstants.QUOTA_DONT_SET, 6 * 2 * BLOCK);
        URI target = URI.create(cluster.getURI() + "/limited/data");
        assertThatThrownBy(() -> DatasetGenerator.generateInto(SETTINGS, target, HadoopConf.configuration(),
                n -> { }))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageStartingWith("cannot write the dataset into '" + target + "': ")
                .hasMessageContaining("quota")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> System.out.println("quota: " + e.getMessage()));
        assertThat(fs.listStatus(limited)).isEmpty();
    }

    @Test
    @Order(6)
    void aMissingPathIsOneLineNamingTheUriWithinSeconds() {
        URI missing = URI.create(cluster.getURI() + "/datasets/nowhere");
        long start = System.nanoTime();
        assertThatThrownBy(() -> Dataset.open(missing))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessage("'" + missing + "': dataset folder does not exist; check the URI");
        assertThat(seconds(start)).isLessThan(5);
    }

    @Test
    @Order(7)
    void aNamenodeNobodyListensForIsOneLineNamingTheUriWithinSeconds() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI dead = URI.create("hdfs://127.0.0.1:" + port + "/datasets/small");
        long start = System.nanoTime();
        assertThatThrownBy(() -> Dataset.open(dead))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageStartingWith("'" + dead + "': cannot reach the file system at 127.0.0.1:" + port + " (")
                .hasMessageEndingWith("); check the URI and that the namenode is running")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> System.out.println("unreachable: " + e.getMessage()));
        double elapsed = seconds(start);
        System.out.printf("an unreachable namenode failed in %.1f s%n", elapsed);
        assertThat(elapsed).isLessThan(10);
    }

    @Test
    @Order(8)
    void aNamenodeThatAcceptsButNeverAnswersFailsWithinItsRpcTimeout() throws Exception {
        // A hung namenode: the kernel completes the connection, nobody reads or answers. HadoopConf's default is
        // 15 s; the test sets 2 s the way a user would, through a system property.
        System.setProperty(HadoopConf.PROPERTY_PREFIX + "ipc.client.rpc-timeout.ms", "2000");
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            URI hung = URI.create("hdfs://127.0.0.1:" + silent.getLocalPort() + "/datasets/small");
            long start = System.nanoTime();
            assertThatThrownBy(() -> Dataset.open(hung))
                    .isInstanceOf(IcecubeDataException.class)
                    .hasMessageStartingWith("'" + hung + "': cannot reach the file system at 127.0.0.1:"
                            + silent.getLocalPort() + " (")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                    .satisfies(e -> System.out.println("hung: " + e.getMessage()));
            double elapsed = seconds(start);
            System.out.printf("a namenode that never answers failed in %.1f s%n", elapsed);
            assertThat(elapsed).isLessThan(8);
        } finally {
            System.clearProperty(HadoopConf.PROPERTY_PREFIX + "ipc.client.rpc-timeout.ms");
        }
    }

    @Test
    @Order(9)
    void aFolderThisUserMayNotReadIsPermissionDeniedInOneLine() throws Exception {
        FileSystem fs = cluster.getFileSystem();
        org.apache.hadoop.fs.Path closed = new org.apache.hadoop.fs.Path("/datasets/closed");
        fs.mkdirs(closed);
        fs.setPermission(closed, new FsPermission((short) 0700));
        URI uri = URI.create(cluster.getURI() + "/datasets/closed");
        UserGroupInformation alice = UserGroupInformation.createUserForTesting("alice", new String[] {"users"});
        assertThatThrownBy(() -> alice.doAs((PrivilegedExceptionAction<Dataset>) () -> Dataset.open(uri)))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageStartingWith("'" + uri + "': permission denied: this user may not read the dataset "
                        + "folder (")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("alice"))
                .satisfies(e -> System.out.println("denied: " + e.getMessage()));
    }

    @Test
    @Order(10)
    void aDatanodeStoppedInTheMiddleOfAReadLeavesTheReadComplete() throws Exception {
        Dataset fromHdfs = Dataset.open(remote);
        PulseBatch expected = Dataset.open(local.toUri()).readBatch(2, EnumSet.allOf(Column.class), 1);
        String victim = cluster.getDataNodes().get(0).getDatanodeId().getXferAddr();
        AtomicInteger units = new AtomicInteger();
        int before = cluster.getDataNodes().size();
        String log;
        PulseBatch actual;
        try (HadoopWarnings warnings = HadoopWarnings.capture()) {
            actual = fromHdfs.readBatch(2, EnumSet.allOf(Column.class), 1, nanos -> {
                // Unit 1 opened the file and read its footer, unit 2 was the largest column chunk: stop it then.
                if (units.incrementAndGet() == 2) {
                    assertThat(cluster.stopDataNode(victim)).as("stopped datanode " + victim).isNotNull();
                }
            });
            log = warnings.text();
        }
        assertThat(cluster.getDataNodes()).hasSize(before - 1);
        assertThat(units.get()).as("units of work after the stop").isGreaterThan(3);
        // The client did meet the stopped datanode and went to the other replica.
        assertThat(log).contains("Failed to connect to /" + victim);
        assertThat(sums(actual)).containsExactly(sums(expected));
    }

    @Test
    @Order(11)
    void everyDatanodeGoneInTheMiddleOfAReadIsOneLineNamingTheFile() throws Exception {
        Dataset fromHdfs = Dataset.open(remote);
        AtomicInteger units = new AtomicInteger();
        long[] stopped = new long[1];
        URI batch = fromHdfs.batchLocation(3);
        assertThatThrownBy(() -> fromHdfs.readBatch(3, EnumSet.allOf(Column.class), 1, nanos -> {
            if (units.incrementAndGet() == 2) {
                while (!cluster.getDataNodes().isEmpty()) {
                    cluster.stopDataNode(0);
                }
                stopped[0] = System.nanoTime();
            }
        }))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageStartingWith("'" + batch + "': reading the batch file failed in the middle (read of ")
                .hasMessageEndingWith("); the file system dropped the connection or lost every copy of a block: "
                        + "check the cluster and run again")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> System.out.println("dropped: " + e.getMessage()));
        double elapsed = seconds(stopped[0]);
        System.out.printf("a read with every datanode gone failed %.1f s after the last one stopped%n", elapsed);
        assertThat(elapsed).isLessThan(20);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).sum();
    }

    /** Pulses, then the sum of every column: sensor_id, time, charge, auxiliary (as 0/1), event_id. */
    static double[] sums(PulseBatch batch) {
        double sensor = 0;
        double time = 0;
        double charge = 0;
        double auxiliary = 0;
        double event = 0;
        for (int i = 0; i < batch.size(); i++) {
            sensor += batch.sensorId()[i];
            time += batch.time()[i];
            charge += batch.charge()[i];
            auxiliary += batch.auxiliary()[i] ? 1 : 0;
            event += batch.eventId()[i];
        }
        return new double[] {batch.size(), sensor, time, charge, auxiliary, event};
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
