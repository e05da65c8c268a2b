package io.icebench.examples.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A real 5 % slowdown committed in a plugin's code is caught by the paired gate. The invoker built two versions of
 * one drop-in gate, src/it/spin-gate-v1 and spin-gate-v2, whose sources differ in one line: version 2 hashes its
 * array 42 times per iteration where version 1 hashes it 40 times. {@code bin/runner --against-app} names this
 * very runner as the base, so the plugin folders are all that differs: version 2 measured against version 1, fork
 * against fork, regresses by about 5 %; version 1 against itself is unchanged.
 */
class PairedSlowdownIT {

    private static final Path ROOT = Path.of(System.getProperty("icebench-tests.root", "..")).toAbsolutePath().normalize();
    private static final Path GATES = Path.of(System.getProperty("icebench-tests.gates", "target/it-gates"))
            .toAbsolutePath().normalize();
    private static final Path APP = ROOT.resolve("runner/target/quarkus-app");
    private static final String SOURCE = "src/main/java/io/icebench/examples/spin/SpinGatePlugin.java";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A 2 % threshold between no change and the 5 % one. Each fork measures 300 iterations of a third of a
     * millisecond after 300 of warm-up, about 2 s with the JVM's start, so a block takes about 4 s; a steady
     * machine decides both cases after the 6 blocks of min-blocks, and a fork slowed by another process's work
     * costs a few more blocks, for which max-blocks and budget leave room.
     */
    private static final String GATE = """
            icebench:
              reports: [json]
              plugins:
                spin-gate:
                  paired: {min-blocks: 6, max-blocks: 30, budget: 100s}
                  parameters: {warmup_iterations: 300, iterations: 300}
                  thresholds:
                    - metric: spin_time
                      paired_max_regression: 2%
                      rationale: the 5% more work of version 2 must be caught, and no change must pass
            """;

    /** A verdict row of the console: {@code REGRESSED: B/A 1.0500 [1.0499, 1.0500], k = 6, change +4.998% [...]}. */
    private static final Pattern VERDICT = Pattern.compile("spin-gate\\s+change\\(spin_time\\)\\s+\\S+\\s+ms\\s+"
            + "paired_max_regression 2%\\s+(\\w+): B/A (\\d+\\.\\d+) \\[(\\d+\\.\\d+), (\\d+\\.\\d+)\\], k = (\\d+),"
            + " change ([-+]?[\\d.]+)% \\[([-+]?[\\d.]+)%, ([-+]?[\\d.]+)%\\]");

    @TempDir
    Path temp;

    @Test
    void theTwoVersionsDifferInOneLineOnlyTheNumberOfPassesWhichVersionTwoMakesFivePercentMore() throws IOException {
        List<String> v1 = Files.readAllLines(ROOT.resolve("examples-it/src/it/spin-gate-v1").resolve(SOURCE));
        List<String> v2 = Files.readAllLines(ROOT.resolve("examples-it/src/it/spin-gate-v2").resolve(SOURCE));
        assertThat(v2).hasSameSizeAs(v1);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < v1.size(); i++) {
            if (!v1.get(i).equals(v2.get(i))) {
                differences.add(v1.get(i).strip() + " -> " + v2.get(i).strip());
            }
        }
        // 42 passes for 40: 5 % more work, and nothing else changed
        assertThat(differences).containsExactly("static final int PASSES = 40; -> static final int PASSES = 42;");
    }

    @Test
    void versionTwoAgainstVersionOneRegressesByAboutFivePercentAndFailsTheRun() throws Exception {
        Path v1 = pluginFolder(1);
        Path v2 = pluginFolder(2);

        Run run = regression(v2, v1, "v2-against-v1");

        assertThat(run.exit).as(run.output).isEqualTo(1);
        JsonNode comparison = run.comparison();
        assertThat(comparison.get("method").asText()).isEqualTo("PAIRED");
        assertThat(comparison.get("verdict").asText()).as(run.output).isEqualTo("REGRESSED");
        // the whole 99 % interval is above the 2 % threshold, and the estimate is near the 5 % committed
        assertThat(comparison.get("changeInterval").get("low").asDouble()).as(run.output).isGreaterThan(2.0);
        assertThat(comparison.get("changePercent").asDouble()).as(run.output).isBetween(2.0, 9.0);
        run.assertConsoleAgrees("REGRESSED", v1);
        // this build's forks ran version 2: its property is in the pooled report
        assertThat(run.plugin().get("properties").get("passes").asText()).isEqualTo("42");
        assertThat(run.report.get("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void versionOneAgainstItselfIsUnchangedAndPasses() throws Exception {
        Path v1 = pluginFolder(1);

        Run run = regression(v1, v1, "v1-against-v1");

        assertThat(run.exit).as(run.output).isZero();
        JsonNode comparison = run.comparison();
        assertThat(comparison.get("method").asText()).isEqualTo("PAIRED");
        assertThat(comparison.get("verdict").asText()).as(run.output).isEqualTo("UNCHANGED");
        // the whole 99 % interval is below the 2 % threshold, around no change
        assertThat(comparison.get("changeInterval").get("high").asDouble()).as(run.output).isLessThan(2.0);
        assertThat(comparison.get("changePercent").asDouble()).as(run.output).isBetween(-2.0, 2.0);
        run.assertConsoleAgrees("UNCHANGED", v1);
        assertThat(run.plugin().get("properties").get("passes").asText()).isEqualTo("40");
        assertThat(run.report.get("exitCode").asInt()).isZero();
    }

    /** A plugin folder holding only version {@code version}'s jar, as the invoker built it. */
    private Path pluginFolder(int version) throws IOException {
        Path target = GATES.resolve("spin-gate-v" + version + "/target");
        List<Path> jars;
        try (Stream<Path> files = Files.list(target)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
        }
        assertThat(jars).as("jars 'mvn -B package' built in " + target + " (see its build.log)")
                .extracting(p -> p.getFileName().toString())
                .containsExactly("icebench-example-spin-gate-" + version + ".jar");
        Path folder = Files.createDirectories(temp.resolve("v" + version));
        Files.copy(jars.get(0), folder.resolve(jars.get(0).getFileName()));
        return folder;
    }

    /** {@code bin/runner --mode=regression} of this build with {@code plugins} against this runner with {@code base}. */
    private Run regression(Path plugins, Path base, String name) throws Exception {
        Path config = Files.writeString(temp.resolve("gate.yaml"), GATE);
        Path results = temp.resolve("results-" + name);
        Path out = temp.resolve(name + ".txt");
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/runner").toString(), "--mode=regression",
                "--plugin", "spin-gate", "--plugin-path", plugins.toString(), "--against-app", APP.toString(),
                "--against-plugin-path", base.toString(), "--config", config.toString(),
                "--results-dir", results.toString())
                .directory(temp.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + builder.environment().getOrDefault("PATH", ""));
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish within 4 minutes:\n" + Files.readString(out));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String output = Files.readString(out);
        JsonNode report = JSON.readTree(results.resolve("latest/results.json").toFile());
        Run run = new Run(process.exitValue(), output, report);
        JsonNode comparison = run.comparison();
        System.out.printf(Locale.ROOT, "PairedSlowdownIT %s: %s, k = %d, change %+.3f%% [%+.3f%%, %+.3f%%],"
                        + " exit %d, %.1f s%n", name, comparison.path("verdict").asText(),
                comparison.path("blocks").asInt(), comparison.path("changePercent").asDouble(),
                comparison.path("changeInterval").path("low").asDouble(),
                comparison.path("changeInterval").path("high").asDouble(), run.exit, seconds);
        return run;
    }

    private record Run(int exit, String output, JsonNode report) {

        JsonNode plugin() {
            JsonNode plugins = report.get("plugins");
            assertThat(plugins).as(output).hasSize(1);
            assertThat(plugins.get(0).get("id").asText()).isEqualTo("spin-gate");
            assertThat(plugins.get(0).get("status").asText()).as(output).isEqualTo("COMPLETED");
            return plugins.get(0);
        }

        JsonNode comparison() {
            JsonNode verdicts = plugin().get("verdicts");
            assertThat(verdicts).as(output).hasSize(1);
            return verdicts.get(0).get("comparison");
        }

        /** The console's verdict row and the table after "against:" say what results.json says, block for block. */
        void assertConsoleAgrees(String verdict, Path base) {
            JsonNode comparison = comparison();
            int blocks = comparison.get("blocks").asInt();
            assertThat(blocks).as("k, from min-blocks to max-blocks").isBetween(6, 30);

            Matcher row = VERDICT.matcher(output);
            assertThat(row.find()).as("a verdict row in\n" + output).isTrue();
            assertThat(row.group(1)).isEqualTo(verdict);
            assertThat(Integer.parseInt(row.group(5))).as("k on the console").isEqualTo(blocks);
            double ratio = Double.parseDouble(row.group(2));
            assertThat(ratio).as("B/A on the console").isCloseTo(1 + comparison.get("changePercent").asDouble() / 100,
                    within(1e-4));
            assertThat(Double.parseDouble(row.group(3))).isLessThanOrEqualTo(ratio);
            assertThat(Double.parseDouble(row.group(4))).isGreaterThanOrEqualTo(ratio);
            assertThat(Double.parseDouble(row.group(7)))
                    .isCloseTo(comparison.get("changeInterval").get("low").asDouble(), within(0.01));
            assertThat(Double.parseDouble(row.group(8)))
                    .isCloseTo(comparison.get("changeInterval").get("high").asDouble(), within(0.01));

            // the base is named with the plugin folder its forks got, the only thing that differs from this build
            String against = "app " + APP + " with plugins from " + base;
            assertThat(report.get("configuration").get("against").asText()).isEqualTo(against);
            assertThat(output).contains("against: " + against + " (A), fork against fork; this build is B");

            JsonNode table = null;
            for (JsonNode candidate : plugin().get("tables")) {
                if (candidate.get("name").asText().equals("paired_blocks")) {
                    table = candidate;
                }
            }
            assertThat(table).as("the paired_blocks table").isNotNull();
            assertThat(table.get("rows")).as("one row per block").hasSize(blocks);
            for (JsonNode block : table.get("rows")) {
                assertThat(block.get(1).asText()).isIn("AB", "BA");
                assertThat(block.get(2).asDouble()).as("A's median, ms").isPositive();
                assertThat(block.get(4).asDouble()).isCloseTo(block.get(3).asDouble() / block.get(2).asDouble(),
                        within(1e-9));
            }
        }
    }
}
