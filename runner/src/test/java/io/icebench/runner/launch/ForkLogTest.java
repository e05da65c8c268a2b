package io.icebench.runner.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A fork's log relayed at DEBUG: its stderr only, named after the plugin, and still all in the fork's log. */
class ForkLogTest {

    @TempDir
    Path temp;

    @Test
    void aChildsLogLineIsNamedAfterThePluginWithoutTheChildsTimeStamp() {
        assertThat(ForkLog.attributed("cpu-calibration", "18:57:24 DEBUG [i.i.r.l.Measuring] 'cpu-calibration': runs"))
                .isEqualTo("[cpu-calibration] DEBUG [i.i.r.l.Measuring] 'cpu-calibration': runs");
        assertThat(ForkLog.attributed("cpu-calibration", "\tat java.base/java.lang.Thread.run(Thread.java:840)"))
                .isEqualTo("[cpu-calibration] \tat java.base/java.lang.Thread.run(Thread.java:840)");
    }

    @Test
    void theBaseOfAPairedRunIsNamedBesideThePlugin() {
        assertThat(ForkLog.source("cpu-calibration", Fork.Target.THIS_BUILD)).isEqualTo("cpu-calibration");
        assertThat(ForkLog.source("cpu-calibration", "HEAD~1 = 68af75b"))
                .isEqualTo("cpu-calibration, HEAD~1 = 68af75b");
    }

    @Test
    void onlyTheChildsStderrIsRelayedAndTheLogKeepsBothStreamsButNotTheLinesTakenFirst() throws Exception {
        Path log = temp.resolve("run.log");
        List<String> relayed = new CopyOnWriteArrayList<>();

        Optional<Integer> exit = SelfLaunch.run(List.of("sh", "-c",
                        "echo 'a table row'; echo '18:57:24 DEBUG [x] a log line' >&2; echo '@taken' >&2"), log,
                Duration.ofSeconds(30), Map.of(), line -> line.startsWith("@"), Optional.of(relayed::add));

        assertThat(exit).contains(0);
        assertThat(relayed).containsExactly("18:57:24 DEBUG [x] a log line");
        assertThat(Files.readAllLines(log)).containsExactlyInAnyOrder("a table row", "18:57:24 DEBUG [x] a log line");
    }
}
