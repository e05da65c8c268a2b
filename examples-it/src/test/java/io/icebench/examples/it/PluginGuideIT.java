package io.icebench.examples.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/PLUGINS.md from nothing, as a newcomer follows it: the blocks marked {@code <!-- PluginGuideIT: FILE -->} are
 * written to those paths in an empty folder, and the guide's step 5 runs there with bash, against the SPI that the
 * invoker installed into target/it-repo. So the pom, the plugin class, its service file and its thresholds in the
 * guide are exactly what builds and runs, and the guide cannot rot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginGuideIT {

    /** Step 5's commands, in order. The guide must show exactly these; change both together. */
    static final List<String> DOCUMENTED_STEPS = List.of(
            "(cd \"$ICEBENCH\" && mvn -B install -pl spi -am)",   // invoker:install, into target/it-repo
            "mvn -B package",
            "mkdir -p plugins-dropin && cp target/*.jar plugins-dropin/",
            "\"$ICEBENCH\"/bin/runner describe sha256-gate --plugin-path plugins-dropin --config icebench.yaml",
            "\"$ICEBENCH\"/bin/runner --mode=regression --plugin=sha256-gate --plugin-path plugins-dropin"
                    + " --config icebench.yaml");

    /** The files the guide gives, in the order it gives them. */
    static final List<String> DOCUMENTED_FILES = List.of("pom.xml",
            "src/main/java/com/example/sha256/Sha256Plugin.java",
            "src/main/resources/META-INF/services/io.icebench.spi.BenchmarkPlugin",
            "icebench.yaml");

    private static final Pattern BLOCK = Pattern.compile("<!-- PluginGuideIT: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```",
            Pattern.DOTALL);

    private static final Path ROOT = Path.of(System.getProperty("icebench-tests.root", "..")).toAbsolutePath()
            .normalize();
    private static final Path PROJECT = Path.of(System.getProperty("icebench-tests.guide",
            "target/it-guide/sha256-gate")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> blocks;

    @BeforeAll
    static void readTheGuide() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/PLUGINS.md"));
        blocks = new LinkedHashMap<>();
        Matcher block = BLOCK.matcher(guide);
        while (block.find()) {
            assertThat(blocks.put(block.group(1), block.group(2) + "\n")).as("a second block for " + block.group(1))
                    .isNull();
        }
    }

    @Test
    @Order(1)
    void theGuideGivesEveryFileOfTheProjectAndTheCommandsThisTestRuns() {
        List<String> files = new ArrayList<>(blocks.keySet());
        files.remove("commands");
        assertThat(files).isEqualTo(DOCUMENTED_FILES);
        assertThat(blocks.get("commands").lines().filter(line -> !line.isBlank()).map(String::strip))
                .as("step 5 of docs/PLUGINS.md").containsExactlyElementsOf(DOCUMENTED_STEPS);
    }

    @Test
    @Order(2)
    void theGuidesGateBuildsDescribesItselfAndIsJudgedByItsThresholds() throws Exception {
        freshProject();

        Shell build = bash(DOCUMENTED_STEPS.get(1));
        assertThat(build.exit).as(build.toString()).isZero();
        Path jar = PROJECT.resolve("target/sha256-gate-1.0.0.jar");
        try (JarFile built = new JarFile(jar.toFile())) {
            assertThat(built.getEntry("com/example/sha256/Sha256Plugin.class")).isNotNull();
            assertThat(built.getEntry("META-INF/services/io.icebench.spi.BenchmarkPlugin")).isNotNull();
            assertThat(built.stream().map(e -> e.getName()).filter(n -> n.startsWith("io/icebench/spi/")))
                    .as("SPI classes in the plugin jar (the dependency must be provided)").isEmpty();
        }

        Shell drop = bash(DOCUMENTED_STEPS.get(2));
        assertThat(drop.exit).as(drop.toString()).isZero();
        assertThat(PROJECT.resolve("plugins-dropin/sha256-gate-1.0.0.jar")).isRegularFile();

        Shell describe = bash(DOCUMENTED_STEPS.get(3));
        assertThat(describe.exit).as(describe.toString()).isZero();
        assertThat(describe.out).as(describe.toString())
                .startsWith("sha256-gate (regression-gate, ").contains("sha256-gate-1.0.0.jar")
                // name, type, default, the value icebench.yaml sets, description
                .containsPattern("  buffer_kib +int +1024 +256 +KiB hashed per pass")
                .containsPattern("  iterations +int +30 +50 +measured passes, one sample each")
                .containsPattern("  sha256_throughput +MiB/s +higher +wall +MiB hashed per wall second")
                .containsPattern("  pass.thread_cpu_time +ms +lower +cpu ")
                .containsPattern("  median\\(sha256_throughput\\) min 20 +warn +the JDK's SHA-256 hashes")
                .containsPattern("  p90\\(pass.thread_cpu_time\\) max 250 +warn +one pass over 256 KiB");

        Shell run = bash(DOCUMENTED_STEPS.get(4));
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.out).as(run.toString())
                .containsPattern("sha256-gate +median\\(sha256_throughput\\) +[\\d.]+ \\[[\\d.]+, [\\d.]+\\] +MiB/s"
                        + " +>= 20 +PASS")
                .contains("regression run ", ": PASSED (1 plugins, 2 thresholds passed, 0 failed");
        JsonNode plugins = JSON.readTree(PROJECT.resolve("results/latest/results.json").toFile()).get("plugins");
        assertThat(plugins).hasSize(1);
        JsonNode plugin = plugins.get(0);
        assertThat(plugin.get("id").asText()).isEqualTo("sha256-gate");
        assertThat(plugin.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(plugin.get("parameters").get("buffer_kib").asText()).isEqualTo("256");
        assertThat(plugin.get("properties").get("sha256").asText()).hasSize(64);
        JsonNode verdicts = plugin.get("verdicts");
        assertThat(verdicts).hasSize(2);
        assertThat(verdicts.get(0).get("metric").asText()).isEqualTo("sha256_throughput");
        assertThat(verdicts.get(0).get("bound").asText()).isEqualTo("min");
        assertThat(verdicts.get(0).get("limit").asDouble()).isEqualTo(20.0);
        assertThat(verdicts.get(0).get("measured").asDouble()).isGreaterThan(20.0);
        assertThat(verdicts.get(0).get("rationale").asText()).startsWith("the JDK's SHA-256 hashes several hundred");
        assertThat(verdicts.get(1).get("metric").asText()).isEqualTo("pass.thread_cpu_time");
        assertThat(verdicts.get(1).get("statistic").asText()).isEqualTo("p90");
        assertThat(verdicts).extracting(v -> v.get("outcome").asText()).containsExactly("PASS", "PASS");
    }

    /**
     * An empty folder holding the guide's files, and a {@code .mvn/maven.config} that points {@code mvn -B package}
     * at the private repository, as {@code ~/.m2} is for a user after step 1.
     */
    private static void freshProject() throws IOException {
        if (Files.exists(PROJECT)) {
            try (Stream<Path> old = Files.walk(PROJECT)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        for (String file : DOCUMENTED_FILES) {
            Path target = PROJECT.resolve(file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, blocks.get(file));
        }
        Path settings = PROJECT.getParent().resolve("settings.xml");
        String localRepository = Path.of(System.getProperty("icebench-tests.local-repo",
                System.getProperty("user.home") + "/.m2/repository")).toUri().toString();
        Files.writeString(settings, Files.readString(ROOT.resolve("examples-it/src/it/settings.xml"))
                .replace("@localRepositoryUrl@", localRepository));
        List<String> options = new ArrayList<>(List.of("-s", settings.toString(), "-Dmaven.repo.local="
                + Path.of(System.getProperty("icebench-tests.it-repo", "target/it-repo")).toAbsolutePath()));
        // "offline: true" when this build runs with -o: the guide's build must not try Maven Central either.
        if (System.getProperty("icebench-tests.offline", "").endsWith("true")) {
            options.add("-o");
        }
        Files.createDirectories(PROJECT.resolve(".mvn"));
        Files.writeString(PROJECT.resolve(".mvn/maven.config"), String.join("\n", options) + "\n");
    }

    /** One documented command, run by bash in the project with ICEBENCH set, as a user would. */
    private static Shell bash(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command)
                .directory(PROJECT.toFile());
        Map<String, String> env = builder.environment();
        env.put("ICEBENCH", ROOT.toString());
        // The JDK and the Maven running the tests, first on the PATH: the commands run "java" and "mvn".
        String maven = System.getProperty("icebench-tests.maven-home");
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + (maven == null ? "" : Path.of(maven, "bin") + File.pathSeparator) + env.getOrDefault("PATH", ""));
        Path out = Files.createTempFile("icebench-guide-out", ".txt");
        Path err = Files.createTempFile("icebench-guide-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
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
