package io.icebench.icecube;

import io.icebench.icecube.generate.GeneratorSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default dataset's cache is meant to be shared: readable by others, and a closed one is said to be closed. */
class DefaultDatasetTest {

    private static final GeneratorSettings TINY = GeneratorSettings.of(60, 30, 5);

    @TempDir
    Path dir;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aGeneratedDatasetGetsThePermissionsOfAnyNewFolderAndFileNotOwnerOnly() throws IOException {
        String folderMode = mode(Files.createDirectory(dir.resolve("probe-folder")));
        String fileMode = mode(Files.createFile(dir.resolve("probe-file")));
        Path cache = dir.resolve("cache");

        Path dataset = DefaultDataset.ensure(TINY, cache);

        assertThat(mode(dataset)).isEqualTo(folderMode);
        try (Stream<Path> paths = Files.walk(dataset)) {
            for (Path path : paths.toList()) {
                assertThat(mode(path)).as(path.toString()).isEqualTo(Files.isDirectory(path) ? folderMode : fileMode);
            }
        }
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries.toList()).as("no partial folder is left").isEqualTo(List.of(dataset));
        }
    }

    @Test
    void aCacheThisUserMayNotEnterSaysPermissionDeniedAndNamesTheVariable() throws IOException {
        Path cache = dir.resolve("cache");
        DefaultDataset.ensure(TINY, cache);
        try {
            Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("---------"));
            Assumptions.assumeFalse(Files.isReadable(cache),
                    "this user reads a folder whatever its mode (root): permissions cannot be tested");

            assertThatThrownBy(() -> DefaultDataset.ensure(TINY, cache))
                    .isInstanceOf(IcecubeDataException.class)
                    .hasMessageStartingWith("'" + cache + "': permission denied: this user may not read the dataset"
                            + " cache")
                    .hasMessageEndingWith("or set ICEBENCH_DATA_CACHE to a folder of your own");
        } finally {
            Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
