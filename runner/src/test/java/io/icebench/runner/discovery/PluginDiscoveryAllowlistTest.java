package io.icebench.runner.discovery;

import io.icebench.runner.testing.PluginJars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery with {@code icebench.plugin-allowlist}: a jar whose sha256 is not listed never gets a class loader, so
 * none of its code runs. The fixture {@code noisy-constructor} writes a marker file from its static initialiser and
 * its constructor; the marker is how these tests see whether its code ran.
 */
class PluginDiscoveryAllowlistTest {

    private static final String MARKER = "noisy-constructor.marker";

    @TempDir
    Path temp;

    private Path plugins;
    private Path marker;

    @BeforeEach
    void markerFile() {
        plugins = temp.resolve("plugins");
        marker = temp.resolve("marker.txt");
        System.setProperty(MARKER, marker.toString());
    }

    @AfterEach
    void noMarkerProperty() {
        System.clearProperty(MARKER);
    }

    @Test
    void withoutAnAllowlistDiscoveryRunsTheJarsStaticInitialiserAndConstructor() throws IOException {
        PluginJars.fixture("noisy-constructor", plugins);

        Discovered discovered = PluginDiscovery.discover(Optional.of(plugins));

        assertThat(discovered.pluginIds()).contains("noisy-constructor");
        assertThat(Files.readAllLines(marker)).containsExactly("static initialiser ran", "constructor ran");
    }

    @Test
    void aJarWhoseDigestIsNotListedIsNotLoadedAndItsProblemNamesTheDigestAndTheFix() throws IOException {
        Path jar = PluginJars.fixture("noisy-constructor", plugins);
        String digest = PluginAllowlist.sha256(jar);

        Discovered discovered = PluginDiscovery.discover(Optional.of(plugins),
                PluginAllowlist.of(List.of("0".repeat(64))));

        assertThat(marker).doesNotExist();
        assertThat(discovered.pluginIds()).doesNotContain("noisy-constructor").contains("cpu-calibration");
        assertThat(discovered.problems()).extracting(DiscoveryProblem::toString).containsExactly(
                "noisy-constructor.jar: not loaded: its sha256 " + digest + " is not in icebench.plugin-allowlist;"
                        + " add it there if you trust this jar (docs/PLUGINS.md, Trust)");
    }

    @Test
    void aJarWhoseDigestIsListedLoads() throws IOException {
        Path jar = PluginJars.fixture("noisy-constructor", plugins);

        Discovered discovered = PluginDiscovery.discover(Optional.of(plugins),
                PluginAllowlist.of(List.of(PluginAllowlist.sha256(jar) + "  noisy-constructor.jar")));

        assertThat(discovered.pluginIds()).contains("noisy-constructor");
        assertThat(discovered.problems()).isEmpty();
        assertThat(marker).exists();
    }

    @Test
    void onlyTheUnlistedJarIsRefusedAndTheListedOnesBesideItLoad() throws IOException {
        Path deflate = PluginJars.exampleDeflate(plugins);
        PluginJars.fixture("noisy-constructor", plugins);

        Discovered discovered = PluginDiscovery.discover(Optional.of(plugins),
                PluginAllowlist.of(List.of(PluginAllowlist.sha256(deflate))));

        assertThat(discovered.pluginIds()).contains("example-deflate", "cpu-calibration")
                .doesNotContain("noisy-constructor");
        assertThat(discovered.problems()).singleElement().extracting(DiscoveryProblem::source)
                .isEqualTo("noisy-constructor.jar");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aSubFolderLoadsOnlyWhenEveryJarInItIsListedAndEachUnlistedJarIsNamed() throws IOException {
        Path folder = plugins.resolve("noisy");
        Path listed = PluginJars.exampleDeflate(folder);
        Path unlisted = PluginJars.fixture("noisy-constructor", folder);

        Discovered refused = PluginDiscovery.discover(Optional.of(plugins),
                PluginAllowlist.of(List.of(PluginAllowlist.sha256(listed))));

        assertThat(marker).doesNotExist();
        assertThat(refused.pluginIds()).doesNotContain("noisy-constructor", "example-deflate");
        assertThat(refused.problems()).extracting(DiscoveryProblem::toString).containsExactly(
                "noisy/noisy-constructor.jar: not loaded: its sha256 " + PluginAllowlist.sha256(unlisted)
                        + " is not in icebench.plugin-allowlist (no jar of noisy/ loads until every jar in it is"
                        + " listed); add it there if you trust this jar (docs/PLUGINS.md, Trust)");

        Discovered allowed = PluginDiscovery.discover(Optional.of(plugins), PluginAllowlist.of(List.of(
                PluginAllowlist.sha256(listed), PluginAllowlist.sha256(unlisted))));

        assertThat(allowed.pluginIds()).contains("noisy-constructor", "example-deflate");
        assertThat(marker).exists();
    }

    @Test
    void aFileThatIsNotAJarIsRefusedByItsDigestBeforeAnythingOpensIt() throws IOException {
        Path notAJar = PluginJars.notAJar(plugins);

        Discovered discovered = PluginDiscovery.discover(Optional.of(plugins),
                PluginAllowlist.of(List.of("0".repeat(64))));

        assertThat(discovered.problems()).singleElement().extracting(DiscoveryProblem::message).asString()
                .startsWith("not loaded: its sha256 " + PluginAllowlist.sha256(notAJar));
    }
}
