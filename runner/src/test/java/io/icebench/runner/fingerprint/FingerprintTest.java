package io.icebench.runner.fingerprint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    @TempDir
    Path temp;

    @Test
    void theFingerprintOfThisMachineHasEveryHardAndSoftKey() {
        Map<String, String> fingerprint = Fingerprint.ofThisMachine();

        assertThat(fingerprint.keySet()).containsExactlyElementsOf(Fingerprint.KEYS);
        assertThat(fingerprint.keySet()).allMatch(key -> key.startsWith("hard.") || key.startsWith("soft."));
        assertThat(fingerprint.values()).allMatch(value -> !value.isBlank());
        assertThat(fingerprint.get("hard.cpu_cores"))
                .isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
        assertThat(fingerprint.get("hard.gc")).isNotEqualTo(Fingerprint.UNKNOWN);
    }

    @Test
    void procFilesUnderTheRootAreReadForCpuMemoryAndLoad() throws IOException {
        Files.createDirectories(temp.resolve("proc"));
        Files.writeString(temp.resolve("proc/cpuinfo"), """
                processor\t: 0
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz
                cpu MHz\t\t: 2899.998
                """);
        Files.writeString(temp.resolve("proc/meminfo"), """
                MemTotal:       16314020 kB
                MemFree:         1203448 kB
                """);
        Files.writeString(temp.resolve("proc/loadavg"), "0.52 0.58 0.59 1/389 12345\n");

        Map<String, String> fingerprint = new Fingerprint(temp, temp).read();

        assertThat(fingerprint).containsEntry("hard.cpu_model", "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz")
                .containsEntry("hard.memory_total_mib", "15931")
                .containsEntry("soft.load_average", "0.52 0.58 0.59")
                .containsEntry("soft.cpu_mhz", "2899.998");
    }

    @Test
    void withoutProcAndOutsideAGitCheckoutEveryKeyIsStillThereAsUnknown() {
        Map<String, String> fingerprint = new Fingerprint(temp.resolve("no-such-root"), temp).read();

        assertThat(fingerprint.keySet()).containsExactlyElementsOf(Fingerprint.KEYS);
        assertThat(fingerprint).containsEntry("hard.cpu_model", "unknown")
                .containsEntry("hard.memory_total_mib", "unknown")
                .containsEntry("soft.load_average", "unknown")
                .containsEntry("soft.cpu_mhz", "unknown")
                .containsEntry("hard.git_commit", "unknown")
                .containsEntry("hard.git_dirty", "unknown");
    }

    @Test
    void aWorkingDirectoryThatDoesNotExistMakesGitUnknownInsteadOfFailing() {
        Map<String, String> fingerprint = new Fingerprint(temp, temp.resolve("missing")).read();

        assertThat(fingerprint).containsEntry("hard.git_commit", "unknown");
    }
}
