package io.icebench.runner.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.icebench.runner.discovery.PluginAllowlist;
import io.icebench.runner.testing.Cli;
import io.icebench.runner.testing.PluginJars;
import io.icebench.runner.testing.Yaml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, case 14: a jar in the plugin folder runs its code at discovery, even for {@code runner list}, and
 * {@code icebench.plugin-allowlist} refuses any jar whose sha256 is not listed before a class loader exists.
 *
 * <p>The fixture {@code noisy-constructor} appends a line to the file named by {@code NOISY_CONSTRUCTOR_MARKER}
 * from its static initialiser and from its constructor: the marker is what arbitrary code would have done. Beside
 * it is the example plugin {@code example-deflate}, which stands for the plugins the user does trust.
 */
class PluginTrustIT {

    @TempDir
    Path temp;

    private Path plugins;
    private Path marker;
    private String noisy;
    private String deflate;
    private Cli cli;

    @BeforeEach
    void pluginFolderWithATrustedAndAnUntrustedJar() throws IOException {
        plugins = temp.resolve("plugins");
        noisy = PluginAllowlist.sha256(PluginJars.fixture("noisy-constructor", plugins));
        deflate = PluginAllowlist.sha256(PluginJars.exampleDeflate(plugins));
        marker = temp.resolve("marker.txt");
        cli = Cli.in(temp).env("NOISY_CONSTRUCTOR_MARKER", marker.toString());
    }

    /** A configuration whose allowlist holds these digests, with the example plugin shrunk to a few milliseconds. */
    private Path config(String name, String... allowed) {
        return config(temp, name, allowed);
    }

    private Path config(Path folder, String name, String... allowed) {
        StringBuilder yaml = new StringBuilder("icebench:\n  plugin-allowlist:\n");
        for (String entry : allowed) {
            yaml.append("    - \"").append(entry).append("\"\n");
        }
        yaml.append("""
                  plugins:
                    example-deflate:
                      parameters: {buffer_kib: 16, warmup_iterations: 0, iterations: 3}
                """);
        return Yaml.write(folder, name, yaml.toString());
    }

    private String refusal(String digest) {
        return "noisy-constructor.jar: not loaded: its sha256 " + digest + " is not in icebench.plugin-allowlist;"
                + " add it there if you trust this jar (docs/PLUGINS.md, Trust)";
    }

    @Test
    void withoutAnAllowlistListingAPluginFolderRunsEveryJarsCode() throws IOException {
        Cli.Result list = cli.run("list", "--plugin-path", plugins.toString());

        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("noisy-constructor", "example-deflate");
        // Today's behaviour, documented in docs/PLUGINS.md (Trust): list alone ran the jar's code.
        assertThat(Files.readAllLines(marker)).containsExactly("static initialiser ran", "constructor ran");
    }

    @Test
    void listRefusesAJarWhoseDigestIsNotListedWithoutRunningItAndNamesItsDigest() {
        Cli.Result list = cli.run("list", "--config", config("trusted.yaml", deflate + "  example-deflate.jar")
                .toString(), "--plugin-path", plugins.toString());

        assertThat(list.exit()).isZero();
        assertThat(marker).doesNotExist();
        assertThat(list.out()).contains("example-deflate", "Could not load (1):", "  " + refusal(noisy));
        assertThat(list.out()).doesNotContain("fixture: writes a marker file");
    }

    @Test
    void listReadsTheDefaultConfigurationForTheAllowlistWhenConfigIsNotGiven() {
        config(temp.resolve("config"), "icebench.yaml", deflate);

        Cli.Result list = cli.run("list", "--plugin-path", plugins.toString());

        assertThat(list.exit()).isZero();
        assertThat(marker).doesNotExist();
        assertThat(list.out()).contains("  " + refusal(noisy));
    }

    @Test
    void anExploreRunRefusesTheUnlistedJarRunsTheOthersAndReportsTheRefusal() {
        Cli.Result run = cli.run("--mode=explore", "--plugin=example-deflate", "--config",
                config("trusted.yaml", deflate).toString(), "--plugin-path", plugins.toString(),
                "--results-dir", "results");

        assertThat(run.exit()).isZero();
        assertThat(marker).doesNotExist();
        JsonNode results = run.latestResults("results");
        assertThat(results.get("problems")).extracting(JsonNode::asText).containsExactly(refusal(noisy));
        assertThat(results.get("plugins")).singleElement().satisfies(plugin -> {
            assertThat(plugin.get("id").asText()).isEqualTo("example-deflate");
            assertThat(plugin.get("status").asText()).isEqualTo("COMPLETED");
        });
        assertThat(run.err()).contains(refusal(noisy));
        assertThat(Cli.leftovers(temp.resolve("results"), ".partial")).isEmpty();
    }

    @Test
    void aForkedMeasurementRefusesTheUnlistedJarToo() {
        Path forked = Yaml.write(temp, "forked.yaml", """
                icebench:
                  plugin-allowlist: [%s]
                  plugins:
                    cpu-calibration:
                      forks: 2
                      parameters: {elements: 20000, buffer_mib: 1, warmup_iterations: 1, iterations: 3}
                """.formatted(deflate));

        Cli.Result run = cli.run("--mode=explore", "--plugin=cpu-calibration", "--config", forked.toString(),
                "--plugin-path", plugins.toString(), "--results-dir", "results");

        assertThat(run.exit()).isZero();
        assertThat(run.latestResults("results").get("plugins").get(0).get("status").asText())
                .isEqualTo("COMPLETED");
        // Each fork discovers the plugin folder again, in a JVM of its own.
        assertThat(marker).doesNotExist();
    }

    @Test
    void aJarWhoseDigestIsListedLoadsAndRuns() {
        Path trusted = config("both.yaml", deflate, noisy.toUpperCase() + "  *noisy-constructor.jar");

        Cli.Result list = cli.run("list", "--config", trusted.toString(), "--plugin-path", plugins.toString());

        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("noisy-constructor", "example-deflate").doesNotContain("Could not load");
        assertThat(marker).exists();
    }

    @Test
    void aMalformedDigestIsExitTwoNamingTheEntryAndNoJarIsLoaded() {
        Path bad = config("bad.yaml", deflate, "sha256:" + noisy);
        List<Cli.Result> results = new ArrayList<>();

        results.add(cli.run("list", "--config", bad.toString(), "--plugin-path", plugins.toString()));
        results.add(cli.run("--mode=explore", "--plugin=example-deflate", "--config", bad.toString(),
                "--plugin-path", plugins.toString(), "--results-dir", "results"));

        assertThat(results).allSatisfy(result -> {
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.errLines()).last().asString().contains("configuration " + bad
                    + ": 'icebench.plugin-allowlist[1]' is 'sha256:" + noisy + "', which is not a sha256 digest;"
                    + " write the 64 hex digits 'sha256sum JAR' prints for the jar");
        });
        assertThat(marker).doesNotExist();
        assertThat(temp.resolve("results")).doesNotExist();
    }
}
