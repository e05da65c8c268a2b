package io.icebench.runner.discovery;

import io.icebench.runner.UsageException;
import io.icebench.runner.config.ConfigLoader;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.testing.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code icebench.plugin-allowlist}: which entries are digests, and which jars they let through. */
class PluginAllowlistTest {

    /** sha256 of the three bytes {@code abc} (FIPS 180-2's first example). */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String OTHER = "0000000000000000000000000000000000000000000000000000000000000001";

    @TempDir
    Path temp;

    @Test
    void aFilesDigestIsTheHexThatSha256sumPrints() throws IOException {
        Path file = Files.writeString(temp.resolve("abc.jar"), "abc");

        assertThat(PluginAllowlist.sha256(file)).isEqualTo(ABC);
    }

    @Test
    void aListedDigestIsAllowedInEitherCaseAndAnUnlistedOneIsNot() {
        PluginAllowlist allowlist = PluginAllowlist.of(List.of(ABC.toUpperCase()));

        assertThat(allowlist.isSet()).isTrue();
        assertThat(allowlist.allows(ABC)).isTrue();
        assertThat(allowlist.allows(OTHER)).isFalse();
    }

    @Test
    void withoutTheKeyEveryJarIsAllowed() {
        assertThat(PluginAllowlist.NONE.isSet()).isFalse();
        assertThat(PluginAllowlist.NONE.allows(OTHER)).isTrue();
    }

    @Test
    void linesAsSha256sumPrintsThemAreAcceptedAndTheirNamesAreOnlyComments() {
        PluginAllowlist allowlist = PluginAllowlist.of(List.of(ABC + "  plugins/my-plugin-1.0.jar",
                OTHER + " *deps/lib.jar"));

        assertThat(allowlist.digests()).hasValueSatisfying(digests -> assertThat(digests)
                .containsExactlyInAnyOrder(ABC, OTHER));
    }

    @Test
    void aMalformedEntryIsAUsageErrorNamingTheEntryItsIndexAndTheFix() {
        assertThatThrownBy(() -> PluginAllowlist.parse(Optional.of(List.of(ABC, "ba7816bf8f01")), "'my.yaml'"))
                .isInstanceOf(UsageException.class)
                .hasMessage("configuration 'my.yaml': 'icebench.plugin-allowlist[1]' is 'ba7816bf8f01', which is not"
                        + " a sha256 digest; write the 64 hex digits 'sha256sum JAR' prints for the jar, optionally"
                        + " followed by its name");
    }

    @Test
    void sixtyFiveHexDigitsOrANonHexLetterAreNotADigest() {
        assertThatThrownBy(() -> PluginAllowlist.of(List.of(ABC + "0"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("[0]' is '" + ABC + "0'");
        assertThatThrownBy(() -> PluginAllowlist.of(List.of("g" + ABC.substring(1))))
                .isInstanceOf(UsageException.class).hasMessageContaining("not a sha256 digest");
    }

    @Test
    void theConfigurationKeyReachesTheRunConfiguration() {
        RunConfig config = ConfigLoader.load(Optional.of(Yaml.write(temp, "icebench.yaml", """
                icebench:
                  plugin-allowlist:
                    - %s  my-plugin.jar
                    - %s
                """.formatted(ABC, OTHER))), temp);

        assertThat(config.pluginAllowlist().allows(ABC)).isTrue();
        assertThat(config.pluginAllowlist().allows(OTHER)).isTrue();
        assertThat(config.pluginAllowlist().allows("f".repeat(64))).isFalse();
    }

    @Test
    void aMalformedDigestInTheConfigurationFileIsAUsageErrorNamingTheFile() {
        Path file = Yaml.write(temp, "icebench.yaml", """
                icebench:
                  plugin-allowlist: [%s, not-a-digest]
                """.formatted(ABC));

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), temp)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("configuration " + file + ": 'icebench.plugin-allowlist[1]' is"
                        + " 'not-a-digest', which is not a sha256 digest");
    }

    @Test
    void aConfigurationWithoutTheKeyHasNoAllowlist() {
        RunConfig config = ConfigLoader.load(Optional.of(Yaml.write(temp, "icebench.yaml", "icebench: {}\n")), temp);

        assertThat(config.pluginAllowlist().isSet()).isFalse();
    }
}
