package io.icebench.runner.discovery;

import io.icebench.runner.testing.PluginJars;
import io.icebench.spi.BenchmarkPlugin;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.Spi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spiVersion()} is a default method for the built-ins, and still tells the runner which SPI a plugin jar was
 * compiled against: the fixture {@code versions} holds a plugin that leaves the method to the default, one that
 * declares it in a base class of its own jar, and a report writer that says it was built for SPI 1.4.
 */
class PluginDiscoveryVersionTest {

    @TempDir
    Path temp;

    private Discovered discoverFixture() {
        PluginJars.fixture("versions", temp.resolve("plugins"));
        return PluginDiscovery.discover(Optional.of(temp.resolve("plugins")));
    }

    @Test
    void aJarPluginThatLeavesSpiVersionToTheDefaultIsRefusedWithTheLineToAdd() {
        Discovered discovered = discoverFixture();

        assertThat(discovered.pluginIds()).doesNotContain("default-version");
        assertThat(discovered.problems()).filteredOn(problem -> problem.id().equals(Optional.of("default-version")))
                .singleElement().extracting(DiscoveryProblem::message).asString()
                .isEqualTo("plugin 'default-version' does not say which SPI it was built against; add 'public String"
                        + " spiVersion() { return Spi.VERSION; }' to io.icebench.fixtures.versions.DefaultVersionPlugin"
                        + " and rebuild it");
    }

    @Test
    void aJarPluginWhoseOwnBaseClassDeclaresSpiVersionLoads() {
        Discovered discovered = discoverFixture();

        assertThat(discovered.plugin("inherited-version")).get()
                .extracting(DiscoveredPlugin::spiVersion).isEqualTo(Spi.VERSION);
        assertThat(discovered.problems()).noneMatch(problem -> problem.id().equals(Optional.of("inherited-version")));
    }

    @Test
    void aReportWriterBuiltBeforeTheReportTypesMovedIsRefusedNamingTheMove() {
        Discovered discovered = discoverFixture();

        assertThat(discovered.writer("old-writer")).isEmpty();
        assertThat(discovered.problems()).filteredOn(problem -> problem.id().equals(Optional.of("old-writer")))
                .singleElement().extracting(DiscoveryProblem::message).asString()
                .isEqualTo("report writer 'old-writer' was built for SPI '1.4' but this runner implements SPI "
                        + Spi.VERSION + " (report writers need SPI 1.5 or newer: the report's types moved to"
                        + " io.icebench.spi); rebuild it against icebench-spi " + Spi.VERSION);
    }

    @Test
    void theBuiltInsUseTheDefaultAndLoadWithoutAProblem() throws Exception {
        Discovered discovered = PluginDiscovery.discover(Optional.empty());

        assertThat(discovered.problems()).isEmpty();
        assertThat(discovered.plugins()).isNotEmpty().allSatisfy(plugin -> {
            assertThat(plugin.spiVersion()).isEqualTo(Spi.VERSION);
            assertThat(plugin.plugin().getClass().getMethod("spiVersion").getDeclaringClass())
                    .isEqualTo(BenchmarkPlugin.class);
        });
        assertThat(discovered.writers()).isNotEmpty().allSatisfy(writer -> assertThat(
                writer.writer().getClass().getMethod("spiVersion").getDeclaringClass()).isEqualTo(ReportWriter.class));
    }
}
