package io.icebench.runner.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SelfLaunchWithJarTest {

    @TempDir
    Path dir;

    private final List<String> self = List.of("/jdk/bin/java", "-XX:SharedArchiveFile=/this/" + ClassDataArchive.FILE,
            "-Xlog:cds=off", "-Dai.djl.offline=true", "-jar", "/this/quarkus-run.jar");

    @Test
    void anotherBuildStartsWithItsOwnClassDataArchiveAndEveryOtherOptionOfThisOne() throws Exception {
        Path jar = Files.createFile(dir.resolve("quarkus-run.jar"));
        Files.createFile(dir.resolve(ClassDataArchive.FILE));

        assertThat(SelfLaunch.withJar(self, jar)).containsExactly("/jdk/bin/java", "-Xlog:cds=off",
                "-Dai.djl.offline=true", "-XX:SharedArchiveFile=" + dir.resolve(ClassDataArchive.FILE), "-jar",
                jar.toString());
    }

    @Test
    void anotherBuildWithoutAnArchiveStartsWithoutOneRatherThanWithThisBuildsMismatchedArchive() throws Exception {
        Path jar = Files.createFile(dir.resolve("quarkus-run.jar"));

        assertThat(SelfLaunch.withJar(self, jar)).containsExactly("/jdk/bin/java", "-Xlog:cds=off",
                "-Dai.djl.offline=true", "-jar", jar.toString());
    }

    @Test
    void aRunnerStartedWithoutAnArchiveDoesNotGiveTheOtherBuildOne() throws Exception {
        Path jar = Files.createFile(dir.resolve("quarkus-run.jar"));
        Files.createFile(dir.resolve(ClassDataArchive.FILE));

        assertThat(SelfLaunch.withJar(List.of("/jdk/bin/java", "-jar", "/this/quarkus-run.jar"), jar))
                .containsExactly("/jdk/bin/java", "-jar", jar.toString());
    }
}
