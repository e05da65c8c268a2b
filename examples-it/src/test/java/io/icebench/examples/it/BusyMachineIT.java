package io.icebench.examples.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job on a busy machine, through {@code bin/runner} as a user runs it: as many {@code yes} processes as the
 * machine has cores run beside it. Its verdict must be about the code. A loader and a model made twice as slow (the
 * calibration's injected slowdown, which spins the threads doing the decode, the collation and the forward passes,
 * as slower code would) fail the default configuration whether the machine is quiet or busy, on the thresholds
 * that count CPU time against a yardstick timed in the same JVM; a wall-clock threshold outside its bound on a busy
 * machine is UNRELIABLE, exit 7, never a failure.
 */
@EnabledOnOs(OS.LINUX)
class BusyMachineIT {

    private static final Path ROOT = Path.of(System.getProperty("icebench-tests.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sort-time ceiling no machine meets: it fails wherever the run is quiet. */
    private static final String IMPOSSIBLE_WALL_CLOCK_GATE = """
            icebench:
              reports: [json]
              plugins:
                cpu-calibration:
                  parameters: {elements: 200000, buffer_mib: 8, iterations: 5}
                  thresholds:
                    - metric: sort_time
                      statistic: median
                      max: 0.5
                      rationale: no machine sorts 200k longs in half a millisecond
            """;

    @TempDir
    Path temp;

    /** The run's output, exit code and results.json. */
    record Run(int exit, String output, JsonNode results) {
        JsonNode plugin(String id) {
            for (JsonNode plugin : results.path("plugins")) {
                if (plugin.path("id").asText().equals(id)) {
                    return plugin;
                }
            }
            throw new AssertionError("no plugin " + id + " in results.json:\n" + output);
        }

        String outcome(String plugin, String metric) {
            for (JsonNode verdict : plugin(plugin).path("verdicts")) {
                if (verdict.path("metric").asText().equals(metric)) {
                    return verdict.path("outcome").asText();
                }
            }
            throw new AssertionError("no verdict on " + plugin + " " + metric + ":\n" + output);
        }

        boolean busy(String plugin) {
            return plugin(plugin).path("properties").has("icebench.interference.busy");
        }
    }

    /** {@code bin/runner ARGS}, with {@code javaOptions} and, when {@code busy}, a {@code yes} per core beside it. */
    private Run runner(boolean busy, String javaOptions, String... args) throws Exception {
        List<Process> load = new ArrayList<>();
        // Should this JVM be stopped (Ctrl-C, a killed build), the load ends with it; and after 10 minutes anyway.
        Thread stopLoad = new Thread(() -> load.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(stopLoad);
        try {
            if (busy) {
                for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                    load.add(new ProcessBuilder("sh", "-c", "exec timeout 600 yes > /dev/null").start());
                }
            }
            Path results = temp.resolve("results-" + System.nanoTime());
            List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/runner").toString()));
            command.addAll(List.of(args));
            command.addAll(List.of("--results-dir", results.toString()));
            Path out = temp.resolve("out-" + System.nanoTime() + ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                    + builder.environment().getOrDefault("PATH", ""));
            builder.environment().put("JAVA_OPTS", javaOptions);
            Process process = builder.start();
            assertThat(process.waitFor(8, TimeUnit.MINUTES)).as("bin/runner finished within 8 minutes").isTrue();
            String output = Files.readString(out);
            Path json = results.resolve("latest/results.json");
            assertThat(json).as(output).exists();
            return new Run(process.exitValue(), output, JSON.readTree(json.toFile()));
        } finally {
            for (Process process : load) {
                process.destroy();
                process.waitFor();
            }
            Runtime.getRuntime().removeShutdownHook(stopLoad);
        }
    }

    /**
     * The default configuration and its thresholds, with fewer measured iterations (system properties override the
     * YAML) so that a busy machine gets through it in about a minute: the thresholds judged are the main job's.
     * forward-latency makes one measured pass and no warm-up pass (the measured pass warms the model for the cost
     * pass after it, and the latency it times is not asserted here), and one cost pass instead of two: pass_cost is
     * the median of its cost passes, one pass of the same 20 batches costs about 100 matmuls either way (99 without
     * the slowdown), and twice as slow it costs about 200 against the max of 150. Every pass on a busy machine takes
     * many seconds, so these are most of the test's time. Only results.json is read: the other report writers
     * (the HTML report's charts take seconds) are left out.
     */
    private static final String FEWER_ITERATIONS = " -Dicebench.reports=json"
            + " -Dicebench.plugins.forward-latency.parameters.iterations=1"
            + " -Dicebench.plugins.forward-latency.parameters.warmup_iterations=0"
            + " -Dicebench.plugins.forward-latency.parameters.cost_passes=1"
            + " -Dicebench.plugins.dataloader-throughput.parameters.warmup_iterations=3"
            + " -Dicebench.plugins.dataloader-throughput.parameters.iterations=5";

    /**
     * On the busy machine, forward-latency's measured pass runs on one intra-op thread instead of one per core.
     * pass_cost is measured on one thread whatever {@code threads} says (the cost passes set it to 1), so its
     * verdict is the same. Two intra-op threads on cores that other processes keep busy made that one pass, whose
     * latency nobody asserts here, four times as long as the pass on one thread after it (34 s against 8 s).
     */
    private static final String ONE_INTRA_OP_THREAD = " -Dicebench.plugins.forward-latency.parameters.threads=1";

    private Run twiceAsSlow(boolean busy) throws Exception {
        return runner(busy, "-Dicebench-calibration-slowdown=1.0" + FEWER_ITERATIONS
                        + (busy ? ONE_INTRA_OP_THREAD : ""), "--mode=regression",
                "--config", ROOT.resolve("config/icebench.yaml").toString(),
                "--plugin", "dataloader-throughput", "--plugin", "forward-latency");
    }

    @Test
    void aLoaderAndAModelTwiceAsSlowFailTheMainJobOnAQuietMachine() throws Exception {
        Run run = twiceAsSlow(false);

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.outcome("dataloader-throughput", "epoch_cost")).as(run.output()).isEqualTo("FAIL");
        assertThat(run.outcome("forward-latency", "pass_cost")).as(run.output()).isEqualTo("FAIL");
        assertThat(run.output()).contains("FAILED (2 plugins");
    }

    @Test
    void aLoaderAndAModelTwiceAsSlowFailTheMainJobOnABusyMachineToo() throws Exception {
        Run run = twiceAsSlow(true);

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.outcome("dataloader-throughput", "epoch_cost")).as(run.output()).isEqualTo("FAIL");
        assertThat(run.outcome("forward-latency", "pass_cost")).as(run.output()).isEqualTo("FAIL");
        // the machine was seen busy, and the CPU-time thresholds failed all the same
        assertThat(run.busy("forward-latency")).as(run.output()).isTrue();
        assertThat(run.plugin("forward-latency").path("properties").path("icebench.interference.others_cpu")
                .asText()).as(run.output()).isNotEmpty();
    }

    @Test
    void aWallClockThresholdMissedOnABusyMachineIsUnreliableWithItsOwnExitCode() throws Exception {
        Path config = Files.writeString(temp.resolve("gate.yaml"), IMPOSSIBLE_WALL_CLOCK_GATE);

        Run busy = runner(true, "", "--mode=regression", "--config", config.toString(),
                "--plugin", "cpu-calibration");

        assertThat(busy.exit()).as(busy.output()).isEqualTo(7);
        assertThat(busy.outcome("cpu-calibration", "sort_time")).isEqualTo("UNRELIABLE");
        assertThat(busy.output()).contains("UNRELIABLE (1 plugins", "exit 7)")
                .containsPattern("UNRELIABLE: cpu-calibration median\\(sort_time\\) [0-9.]+ .*ms against max 0.5:"
                        + " the machine was busy \\(other processes used [0-9.]+ of [0-9]+ cores")
                .contains("rerun on a quiet runner, or judge the change against its base with --against HEAD~1");

        Run quiet = runner(false, "", "--mode=regression", "--config", config.toString(),
                "--plugin", "cpu-calibration");
        // Only a quiet machine can show the other half; a busy one has just shown the first.
        Assumptions.assumeFalse(quiet.busy("cpu-calibration"), () -> "the machine was busy without our load: "
                + quiet.plugin("cpu-calibration").path("properties").path("icebench.interference.busy").asText());
        assertThat(quiet.exit()).as(quiet.output()).isEqualTo(1);
        assertThat(quiet.outcome("cpu-calibration", "sort_time")).isEqualTo("FAIL");
    }
}
