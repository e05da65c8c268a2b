package io.icebench.runner.baseline;

import io.icebench.runner.UsageException;
import io.icebench.spi.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** History lines, saved baselines, how --baseline is found, and fingerprint differences. */
class BaselinesTest {

    @TempDir
    Path results;

    private static RunSamples run(String id, double... samples) {
        return new RunSamples(id, "regression", "2025-01-01T00:00:00Z",
                Map.of("hard.cpu_model", "A", "hard.git_commit", id, "soft.load_average", "0.5"),
                Map.of("p", Map.of("m", new RunSamples.MetricSamples(samples, "ms", Direction.LOWER_IS_BETTER))));
    }

    @Test
    void everyRunIsAppendedAsOneLineAndReadBackWithItsSamples() throws Exception {
        History.append(results, run("r1", 1, 2, 3));
        History.append(results, run("r2", 4, 5));

        List<String> lines = Files.readAllLines(History.file(results));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"schema\":\"icebench-history\",\"runId\":\"r1\"");
        List<RunSamples> runs = History.read(results);
        assertThat(runs).extracting(RunSamples::runId).containsExactly("r1", "r2");
        assertThat(runs.get(1).metric("p", "m").orElseThrow().samples()).containsExactly(4, 5);
        assertThat(runs.get(1).environment()).containsEntry("hard.cpu_model", "A");
    }

    @Test
    void concurrentAppendsNeverInterleave() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    History.append(results, run("r" + n, new double[2000]));
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(History.read(results)).hasSize(40);
    }

    @Test
    void aTornLastLineIsSkipped() throws Exception {
        History.append(results, run("r1", 1));
        Files.writeString(History.file(results), "{\"runId\":\"r2\",\"plu", java.nio.file.StandardOpenOption.APPEND);

        assertThat(History.read(results)).extracting(RunSamples::runId).containsExactly("r1");
    }

    @Test
    void aSavedBaselineIsFoundByNameLatestIsTheNewestHistoryLineAndAFileByPath() throws IOException {
        Path saved = Baselines.save(results, "default", run("r1", 1, 2, 3));
        History.append(results, run("r1", 1, 2, 3));
        History.append(results, run("r2", 7));

        assertThat(saved).isEqualTo(results.resolve("baselines/default.json"));
        try (var leftovers = Files.list(saved.getParent())) {
            assertThat(leftovers).containsExactly(saved);
        }
        Baselines.Resolved byName = Baselines.resolveBaseline(results, "default", results);
        assertThat(byName.samples().runId()).isEqualTo("r1");
        assertThat(byName.samples().metric("p", "m").orElseThrow().samples()).containsExactly(1, 2, 3);
        assertThat(Baselines.resolveBaseline(results, "latest", results).samples().runId()).isEqualTo("r2");
        assertThat(Baselines.resolveBaseline(results, saved.toString(), results).samples().runId()).isEqualTo("r1");
    }

    @Test
    void aMissingBaselineIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> Baselines.resolveBaseline(results, "nightly", results))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("baseline 'nightly' not found")
                .hasMessageContaining("runner baseline save --name nightly");
        assertThatThrownBy(() -> Baselines.resolveBaseline(results, "latest", results))
                .isInstanceOf(UsageException.class).hasMessageContaining("no earlier run");
    }

    @Test
    void hardKeysOtherThanTheGitCommitAndDirtyFlagMustMatch() {
        Map<String, String> before = new LinkedHashMap<>();
        before.put("hard.cpu_model", "A");
        before.put("hard.git_commit", "abc");
        before.put("hard.git_dirty", "false");
        before.put("soft.load_average", "0.5");
        Map<String, String> now = new LinkedHashMap<>(before);
        now.put("hard.git_commit", "def");
        now.put("hard.git_dirty", "true");
        now.put("soft.load_average", "2.0");

        FingerprintDifferences same = FingerprintDifferences.between(before, now);
        assertThat(same.hard()).isEmpty();
        assertThat(same.soft()).containsExactly("soft.load_average ('0.5' vs '2.0')");

        now.put("hard.cpu_model", "B");
        assertThat(FingerprintDifferences.between(before, now).hard())
                .containsExactly("hard.cpu_model ('A' vs 'B')");
    }
}
