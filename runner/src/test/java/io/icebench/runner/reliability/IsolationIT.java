package io.icebench.runner.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.icebench.runner.ExitCodes;
import io.icebench.runner.testing.Cli;
import io.icebench.runner.testing.PluginJars;
import io.icebench.runner.testing.Yaml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every plugin in a JVM of its own: whatever a drop-in plugin does to the JVM it runs in (ends it, spins past its
 * timeout, fills its heap, crashes it) is that plugin's failed result, and the runner, the plugin measured beside
 * it and every report carry on; nothing is left running or lying in the temporary folder. And the runner's own
 * death, by SIGTERM or SIGKILL, takes its plugin JVMs with it.
 */
@EnabledOnOs(OS.LINUX)
class IsolationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path plugins;
    private Path tmp;

    @BeforeEach
    void unrulyPlugins() throws IOException {
        plugins = PluginJars.fixture("unruly", temp.resolve("plugins")).getParent();
        tmp = Files.createDirectories(temp.resolve("tmp"));
    }

    /** The runner with its temporary folder (and its plugin JVMs', which inherit its options) inside the test's. */
    private Cli cli(String... jvmOptions) {
        Cli cli = Cli.in(temp).jvm("-Djava.io.tmpdir=" + tmp);
        for (String option : jvmOptions) {
            cli.jvm(option);
        }
        return cli;
    }

    private Path config() {
        // The reports the cases read; the HTML report's charts would only add seconds to each.
        return Yaml.write(temp, "unruly.yaml", Yaml.FAST_CALIBRATION.replaceFirst("icebench:\n",
                "icebench:\n  reports: [json, junit-xml, markdown]\n") + """
                    spins:
                      timeout: 2s
                    exits:
                      timeout: 30s
                    hogs:
                      timeout: 60s
                    crashes:
                      timeout: 30s
                """);
    }

    private static JsonNode plugin(JsonNode results, String id) {
        for (JsonNode plugin : results.path("plugins")) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin " + id + " in " + results);
    }

    /** Every process whose command line names the test's folder: the runner's plugin JVMs, if any are left. */
    private List<String> processesOfThisTest() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(line -> line.contains(temp.toString())).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    @ParameterizedTest(name = "a plugin that {1} fails alone: exit 3, cpu-calibration reported, nothing left")
    @CsvSource(delimiter = '|', value = {
        "exits   | calls System.exit(0)       | ERROR         | plugin 'exits' ended its JVM with exit 0 before it reported a result: a plugin must return its measurements, never call System.exit",
        "spins   | spins past its timeout     | TIMEOUT       | plugin 'spins' did not finish within its timeout of 2s",
        "hogs    | runs out of memory         | OUT_OF_MEMORY | plugin 'hogs' ran out of memory",
        "crashes | crashes the JVM            | ERROR         | plugin 'crashes' crashed its JVM"
    })
    void aPluginThatMisbehavesFailsAloneAndEveryReportIsComplete(String id, String what, String status,
                                                                   String message) throws IOException {
        Cli.Result run = cli("-Xmx160m").run("--mode=regression", "--plugin=cpu-calibration", "--plugin=" + id,
                "--config", config().toString(), "--plugin-path", plugins.toString(), "--results-dir", "results");

        assertThat(run.exit()).isEqualTo(ExitCodes.PLUGIN_FAILED);
        assertThat(run.output()).contains(message);
        JsonNode results = run.latestResults("results");
        assertThat(results.path("exitCode").asInt()).isEqualTo(ExitCodes.PLUGIN_FAILED);
        assertThat(plugin(results, "cpu-calibration").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(plugin(results, "cpu-calibration").path("metrics").get(0).path("samples")).hasSize(5);
        assertThat(plugin(results, id).path("status").asText()).isEqualTo(status);
        assertThat(plugin(results, id).path("failure").asText()).contains(message);
        String junit = Files.readString(temp.resolve("results/latest/junit.xml"));
        assertThat(junit).contains("<testcase name=\"runs to completion\" classname=\"icebench.cpu-calibration\"",
                "<testsuite name=\"icebench." + id + "\"", "<error message=\"" + message);
        assertThat(processesOfThisTest()).isEmpty();
        assertThat(Cli.leftovers(tmp, "")).filteredOn(p -> p.getFileName().toString().startsWith("icebench-"))
                .isEmpty();
        assertThat(Cli.leftovers(temp.resolve("results"), ".partial")).isEmpty();
    }

    @Test
    void aPluginThatSpinsPastItsTimeoutStealsNoCpuFromThePluginMeasuredAfterIt() {
        Cli.Result run = cli().run("--mode=regression", "--plugin=spins", "--plugin=observes", "--config",
                config().toString(), "--plugin-path", plugins.toString(), "--results-dir", "results");

        assertThat(run.exit()).isEqualTo(ExitCodes.PLUGIN_FAILED);
        JsonNode results = run.latestResults("results");
        assertThat(plugin(results, "spins").path("status").asText()).isEqualTo("TIMEOUT");
        // A spinning thread left in a shared JVM would have burned most of that second.
        assertThat(plugin(results, "observes").path("metrics").get(0).path("samples").get(0).asDouble())
                .isLessThan(300);
        assertThat(processesOfThisTest()).isEmpty();
    }

    @Test
    void aPluginInItsOwnJvmStillDeliversItsTablesSeriesFilesAndProgress() throws IOException {
        Cli.Result run = cli().env("ICEBENCH_PROGRESS", "log").run("--mode=explore", "--plugin=reports-everything",
                "--plugin-path", plugins.toString(), "--results-dir", "results");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        JsonNode plugin = plugin(run.latestResults("results"), "reports-everything");
        long measuredIn = plugin.path("metrics").get(0).path("samples").get(0).asLong();
        long runner = Long.parseLong(plugin.path("properties").path("runner_pid").asText());
        assertThat(measuredIn).isNotEqualTo(runner);
        assertThat(plugin.path("tables").get(0).path("rows").get(0).toString())
                .isEqualTo("[\"a\",1,2.5,true,null]");
        assertThat(plugin.path("series").get(0).path("y").toString()).isEqualTo("[3.0,4.0]");
        assertThat(plugin.path("files")).extracting(JsonNode::asText)
                .containsExactly("plugins/reports-everything/note.txt");
        assertThat(temp.resolve("results/latest/plugins/reports-everything/note.txt"))
                .hasContent("written by the plugin");
        // The child's progress, shown by the runner as its own log lines.
        assertThat(run.err()).contains("reports-everything: steps").contains("3/3");
    }

    @Test
    void aRunnerEndedBySigtermTakesItsPluginJvmAndItsScratchFolderWithIt() throws Exception {
        Process runner = spinning("sigterm");
        ProcessHandle child = awaitChild(runner);

        runner.destroy(); // SIGTERM

        assertGoneWithItsPluginJvm(runner, child);
    }

    @Test
    void aPluginJvmWhoseRunnerWasKilledEndsItselfAndRemovesItsScratchFolder() throws Exception {
        Process runner = spinning("sigkill");
        ProcessHandle child = awaitChild(runner);

        runner.destroyForcibly(); // SIGKILL: no shutdown hook runs

        assertGoneWithItsPluginJvm(runner, child);
    }

    /** A runner measuring the plugin that spins, with a timeout far beyond the test's. */
    private Process spinning(String name) {
        Yaml.write(temp, "slow.yaml", Yaml.FAST_CALIBRATION + """
                    spins:
                      timeout: 5m
                """);
        return cli().start(name, "--mode=regression", "--plugin=spins", "--config", temp.resolve("slow.yaml").toString(),
                "--plugin-path", plugins.toString(), "--results-dir", "results");
    }

    private void assertGoneWithItsPluginJvm(Process runner, ProcessHandle child) throws InterruptedException {
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.onExit().orTimeout(15, TimeUnit.SECONDS).join().isAlive()).isFalse();
        assertThat(processesOfThisTest()).isEmpty();
        assertThat(Cli.leftovers(tmp, "")).filteredOn(p -> p.getFileName().toString().startsWith("icebench-fork"))
                .isEmpty();
    }

    /** The runner's plugin JVM, once it is running the plugin (its sample file's folder exists). */
    private ProcessHandle awaitChild(Process runner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var child = runner.toHandle().children().findFirst();
            if (child.isPresent() && Cli.leftovers(tmp, "").stream()
                    .anyMatch(p -> p.getFileName().toString().startsWith("icebench-fork"))) {
                Thread.sleep(2_000); // past its start: the plugin is spinning
                return child.get();
            }
            assertThat(runner.isAlive()).as("the runner is still running").isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("the runner started no plugin JVM within 60 s");
    }
}
