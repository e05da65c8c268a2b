package io.icebench.examples.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/PLUGINS.md, step 4, for examples/hello-plugin. By the time this runs, the invoker has done the first two
 * commands (the SPI into target/it-repo, {@code mvn -B package} in target/it/hello-plugin); this test checks the
 * guide still says exactly those commands, runs the other three with bash as a user would, and checks the result.
 */
class TemplatePluginIT {

    /** Step 4's commands, in order. The guide must show exactly these; change both together. */
    static final List<String> DOCUMENTED_STEPS = List.of(
            "(cd \"$ICEBENCH\" && mvn -B install -pl spi -am)",    // invoker:install
            "mvn -B package",                                      // invoker:run
            "mkdir -p plugins-dropin && cp target/*.jar plugins-dropin/",
            "\"$ICEBENCH\"/bin/runner list --plugin-path plugins-dropin",
            "\"$ICEBENCH\"/bin/runner --mode=explore --plugin=example-deflate --plugin-path plugins-dropin");

    private static final String MARKER = "<!-- The test suite runs this block: ";

    private static final Path ROOT = Path.of(System.getProperty("icebench-tests.root", "..")).toAbsolutePath().normalize();
    private static final Path PROJECT = Path.of(System.getProperty("icebench-tests.project", "target/it/hello-plugin"))
            .toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGuideShowsExactlyTheCommandsThisTestRuns() throws IOException {
        assertThat(documentedBlock()).as("step 4 of docs/PLUGINS.md").isEqualTo(DOCUMENTED_STEPS);
    }

    @Test
    void theTemplateBuildsIsListedAndRunsThroughTheDocumentedSteps() throws Exception {
        List<Path> jars = jarsIn(PROJECT.resolve("target"));
        assertThat(jars).as("jars that 'mvn -B package' built in " + PROJECT + " (see its build.log)").hasSize(1);
        try (JarFile jar = new JarFile(jars.get(0).toFile())) {
            assertThat(jar.getEntry("META-INF/services/io.icebench.spi.BenchmarkPlugin")).isNotNull();
            assertThat(jar.getEntry("io/icebench/examples/hello/DeflatePlugin.class")).isNotNull();
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("io/icebench/spi/")))
                    .as("SPI classes in the plugin jar (the dependency must be provided)").isEmpty();
        }

        Shell drop = bash(DOCUMENTED_STEPS.get(2));
        assertThat(drop.exit).as(drop.toString()).isZero();
        assertThat(jarsIn(PROJECT.resolve("plugins-dropin"))).extracting(p -> p.getFileName().toString())
                .containsExactly(jars.get(0).getFileName().toString());

        Shell list = bash(DOCUMENTED_STEPS.get(3));
        assertThat(list.exit).as(list.toString()).isZero();
        assertThat(list.out).as(list.toString()).containsPattern(
                "example-deflate\\s+exploratory\\s+icebench-example-deflate-[^\\s]+\\.jar\\s+"
                        + Pattern.quote("Example drop-in plugin: Deflater throughput and ratio"));
        assertThat(list.out).as(list.toString()).doesNotContain("Could not load");

        Shell explore = bash(DOCUMENTED_STEPS.get(4));
        assertThat(explore.exit).as(explore.toString()).isZero();
        assertThat(explore.out).as(explore.toString()).contains("median(deflate_throughput)", "MiB/s");
        Path run = PROJECT.resolve("results/latest").toRealPath();
        JsonNode plugins = JSON.readTree(run.resolve("results.json").toFile()).get("plugins");
        assertThat(plugins).hasSize(1);
        JsonNode plugin = plugins.get(0);
        assertThat(plugin.get("id").asText()).isEqualTo("example-deflate");
        assertThat(plugin.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(plugin.get("metrics").get(0).get("summary").get("median").asDouble()).isPositive();
        assertThat(plugin.get("files")).extracting(JsonNode::asText)
                .containsExactly("plugins/example-deflate/levels.csv");

        List<String> levels = Files.readAllLines(run.resolve("plugins/example-deflate/levels.csv"));
        assertThat(levels).first().isEqualTo("level,compressed bytes,ratio");
        assertThat(levels).hasSize(4);
        for (String row : levels.subList(1, levels.size())) {
            String[] cells = row.split(",");
            assertThat(cells).as(row).hasSize(3);
            assertThat(Long.parseLong(cells[1])).as("compressed bytes in " + row).isPositive();
            assertThat(Double.parseDouble(cells[2])).as("ratio in " + row).isGreaterThan(1.0);
        }
    }

    /** The lines of the fenced bash block after the marker in docs/PLUGINS.md. */
    static List<String> documentedBlock() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/PLUGINS.md"));
        int marker = guide.indexOf(MARKER);
        assertThat(marker).as("the marker '" + MARKER + "' in docs/PLUGINS.md").isNotNegative();
        Matcher block = Pattern.compile("```bash\\n(.*?)\\n\\s*```", Pattern.DOTALL).matcher(guide);
        assertThat(block.find(marker)).as("a ```bash block after the marker").isTrue();
        List<String> lines = new ArrayList<>();
        for (String line : block.group(1).split("\\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static List<Path> jarsIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Collections.emptyList();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** One documented command, run by bash in the built copy of the example with ICEBENCH set, as a user would. */
    private static Shell bash(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command)
                .directory(PROJECT.toFile());
        Map<String, String> env = builder.environment();
        env.put("ICEBENCH", ROOT.toString());
        // The JDK running the tests, first on the PATH: bin/runner runs "java".
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + env.getOrDefault("PATH", ""));
        Path out = Files.createTempFile("icebench-template-out", ".txt");
        Path err = Files.createTempFile("icebench-template-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("'" + command + "' did not finish within 5 minutes");
        }
        Shell shell = new Shell(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        System.out.println(shell);
        return shell;
    }

    record Shell(String command, int exit, String out, String err) {
        @Override
        public String toString() {
            return "$ " + command + "\nexit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
