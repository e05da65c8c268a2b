package io.icebench.plugins.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real eviction on this machine: dd drops the pages, fincore proves it. */
class CoreutilsEvictorTest {

    @TempDir
    Path temp;

    @Test
    void aFileJustWrittenAndReadIsOutOfThePageCacheAfterEviction() throws IOException {
        assumeTrue(onPath("dd") && onPath("fincore"), "needs coreutils dd and util-linux fincore");
        assumeTrue(!Files.getFileStore(temp).type().equals("tmpfs"), "tmpfs pages are the file: they cannot be dropped");
        Path file = temp.resolve("data.bin");
        byte[] bytes = new byte[8 << 20];
        new SplittableRandom(1).nextBytes(bytes);
        Files.write(file, bytes);
        Files.readAllBytes(file);

        Evictor.Eviction eviction = new CoreutilsEvictor().evict(file);

        assertThat(eviction.verified()).as(eviction.reason()).isTrue();
        assertThat(eviction.residentBytes()).isBetween(0L, (long) (bytes.length * 0.01));
        assertThat(new RawReader().read(file)).isEqualTo(bytes.length);
    }

    @Test
    void aFileThatDoesNotExistCannotBeEvictedAndTheReasonSaysWhy() {
        Evictor.Eviction eviction = new CoreutilsEvictor().evict(temp.resolve("missing.parquet"));

        assertThat(eviction.verified()).isFalse();
        assertThat(eviction.residentBytes()).isEqualTo(-1);
        assertThat(eviction.reason()).startsWith("fsync failed: ").contains("missing.parquet");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
