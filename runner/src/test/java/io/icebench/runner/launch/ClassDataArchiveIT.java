package io.icebench.runner.launch;

import io.icebench.runner.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class-data archive of the packaged runner, made as {@link ClassDataArchive} makes it, is mapped by a launch of
 * the jar by its absolute path from another folder: the way bin/runner, forks and {@code --against} start it.
 */
class ClassDataArchiveIT {

    @TempDir
    Path elsewhere;

    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void theArchiveIsMadeOnceAndALaunchByAbsolutePathFromAnotherFolderMapsItsClasses() throws Exception {
        Path jar = Cli.app().toAbsolutePath();
        Path archive = jar.resolveSibling(ClassDataArchive.FILE);
        Files.deleteIfExists(archive);

        Optional<Path> made = ClassDataArchive.ensure(java, jar);

        assertThat(made).contains(archive);
        long modified = Files.getLastModifiedTime(archive).toMillis();
        // current: not made again
        assertThat(ClassDataArchive.ensure(java, jar)).contains(archive);
        assertThat(Files.getLastModifiedTime(archive).toMillis()).isEqualTo(modified);

        Path log = elsewhere.resolve("class-load.txt");
        Process process = new ProcessBuilder(List.of(java, "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info:file=" + log, "-Dai.djl.offline=true", "-jar", jar.toString(), "list"))
                .directory(elsewhere.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isZero();
        List<String> loaded = Files.readAllLines(log);
        long fromArchive = loaded.stream().filter(line -> line.contains("shared objects file (top)")).count();
        long icebench = loaded.stream().filter(line -> line.contains(" io.icebench.")
                && line.contains("shared objects file")).count();
        // the dynamic archive's classes (the top layer), this application's own among them
        assertThat(fromArchive).as("classes mapped from %s", archive).isGreaterThan(1000);
        assertThat(icebench).isGreaterThan(10);
    }
}
