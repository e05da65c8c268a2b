package io.icebench.runner.config;

import io.icebench.runner.UsageException;
import io.icebench.spi.report.InconclusivePolicy;
import io.icebench.runner.testing.Yaml;
import io.icebench.runner.verdict.Threshold;
import io.icebench.spi.report.Bound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path temp;

    private RunConfig load(String yaml) {
        return ConfigLoader.load(Optional.of(Yaml.write(temp, "icebench.yaml", yaml)), temp);
    }

    /**
     * Every threshold of every plugin in the shipped configurations names a metric its plugin declares: a threshold
     * on a misspelt or renamed metric would otherwise stop every run of that file at start (or, for a plugin that
     * does not declare its metrics, never be judged).
     */
    @Test
    void everyThresholdOfTheShippedConfigurationsNamesAMetricItsPluginDeclares() {
        Path root = io.icebench.runner.testing.PluginJars.repositoryRoot();
        io.icebench.runner.discovery.Discovered builtIn = io.icebench.runner.discovery.PluginDiscovery
                .discover(Optional.empty());
        for (String file : new String[] {"config/icebench.yaml", "config/ci.yaml"}) {
            RunConfig config = ConfigLoader.load(Optional.of(root.resolve(file)), root);
            int checked = 0;
            for (PluginSettings plugin : config.plugins().values()) {
                java.util.List<String> declared = builtIn.plugin(plugin.id()).orElseThrow(() -> new AssertionError(
                        file + " configures '" + plugin.id() + "', which is not a built-in plugin")).metrics()
                        .stream().map(io.icebench.spi.Metric::name).toList();
                for (Threshold threshold : plugin.thresholds()) {
                    // An empty list would mean "not declared": nothing to check the threshold against.
                    assertThat(declared).as(file + ": " + plugin.id() + " threshold " + threshold.describe())
                            .isNotEmpty().contains(threshold.metric());
                    checked++;
                }
            }
            // The three gates' thresholds, at least: a file that lost its sections would pass the loop above.
            assertThat(checked).as("thresholds checked in " + file).isGreaterThanOrEqualTo(6);
        }
    }

    /** The loader, not the reports, refuses a threshold that does not say why: missing, empty or only spaces. */
    @Test
    void aThresholdWithoutARationaleIsRefusedWithItsKey() {
        for (String rationale : new String[] {"", ", rationale: ''", ", rationale: '   '"}) {
            assertThatThrownBy(() -> load("""
                    icebench:
                      plugins:
                        p:
                          thresholds:
                            - {metric: m, max: 2, rationale: fine}
                            - {metric: n, max: 2%s}
                    """.formatted(rationale)))
                    .as("rationale written as '" + rationale + "'")
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("'icebench.plugins.p.thresholds[1]' has no 'rationale'; add one line saying"
                            + " why the limit was chosen");
        }
    }

    @Test
    void pluginSettingsAreReadWithTheirTypes() {
        RunConfig config = load("""
                icebench:
                  results-dir: out
                  reports: [json, csv]
                  plugins:
                    some-plugin:
                      enabled: false
                      timeout: 90s
                      parameters: {batch_size: 32, seq_lens: [256, 512]}
                      thresholds:
                        - metric: latency
                          statistic: p99
                          max: 50
                          rationale: the seed's ceiling
                """);

        PluginSettings plugin = config.plugin("some-plugin");
        assertThat(config.resultsDir()).isEqualTo(temp.resolve("out"));
        assertThat(config.reports()).containsExactly("json", "csv");
        assertThat(plugin.enabled()).isFalse();
        assertThat(plugin.timeout()).hasValue(Duration.ofSeconds(90));
        assertThat(plugin.parameters()).containsOnly(java.util.Map.entry("batch_size", "32"),
                java.util.Map.entry("seq_lens", "256,512"));
        assertThat(plugin.thresholds()).singleElement().isInstanceOfSatisfying(Threshold.Absolute.class, threshold -> {
            assertThat(threshold.statistic().name()).isEqualTo("p99");
            assertThat(threshold.bound()).isEqualTo(Bound.MAX);
            assertThat(threshold.limit()).isEqualTo(50);
        });
    }

    @Test
    void aSystemPropertyOverridesTheYaml() {
        System.setProperty("icebench.results-dir", "elsewhere");
        try {
            assertThat(load("icebench:\n  results-dir: out\n").resultsDir()).isEqualTo(temp.resolve("elsewhere"));
        } finally {
            System.clearProperty("icebench.results-dir");
        }
    }

    @Test
    void aThresholdWithBothBoundsIsRejected() {
        assertThatThrownBy(() -> load("""
                icebench:
                  plugins:
                    p:
                      thresholds:
                        - {metric: m, min: 1, max: 2, rationale: r}
                """))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'icebench.plugins.p.thresholds[0]' needs exactly one of 'min', 'max',"
                        + " 'max_regression' or 'paired_max_regression'");
    }

    @Test
    void aRelativeThresholdReadsItsPercentageAlphaAndTheFingerprintPolicy() {
        RunConfig config = load("""
                icebench:
                  alpha: 0.05
                  fingerprint-mismatch: warn
                  plugins:
                    p:
                      thresholds:
                        - {metric: m, max_regression: 12.5%, rationale: r}
                        - {metric: n, max_regression: 3, rationale: r}
                """);

        assertThat(config.alpha()).isEqualTo(0.05);
        assertThat(config.fingerprintMismatchWarns()).isTrue();
        assertThat(config.plugin("p").thresholds().get(0)).isInstanceOf(Threshold.Relative.class);
        assertThat(((Threshold.Relative) config.plugin("p").thresholds().get(0)).maxRegressionPercent()).isEqualTo(12.5);
        assertThat(((Threshold.Relative) config.plugin("p").thresholds().get(1)).maxRegressionPercent()).isEqualTo(3.0);
    }

    @Test
    void theDefaultsAreAlphaOnePercentAndRefusingAnotherMachine() {
        RunConfig config = load("icebench:\n  results-dir: r\n");

        assertThat(config.alpha()).isEqualTo(0.01);
        assertThat(config.fingerprintMismatchWarns()).isFalse();
    }

    @Test
    void aRelativeThresholdWithABoundOrABadPercentageIsRejected() {
        assertThatThrownBy(() -> load("""
                icebench:
                  plugins:
                    p:
                      thresholds:
                        - {metric: m, max: 2, max_regression: 10%, rationale: r}
                """)).isInstanceOf(UsageException.class).hasMessageContaining("needs exactly one of");
        assertThatThrownBy(() -> load("""
                icebench:
                  plugins:
                    p:
                      thresholds:
                        - {metric: m, max_regression: ten, rationale: r}
                """)).isInstanceOf(UsageException.class)
                .hasMessageContaining("'icebench.plugins.p.thresholds[0].max_regression' is 'ten'");
        assertThatThrownBy(() -> load("icebench:\n  fingerprint-mismatch: ignore\n"))
                .isInstanceOf(UsageException.class).hasMessageContaining("'icebench.fingerprint-mismatch'");
    }

    @Test
    void theInconclusivePolicyDefaultsToWarnAndFailAndReportAreRead() {
        RunConfig config = load("""
                icebench:
                  confidence-level: 0.99
                  plugins:
                    p:
                      thresholds:
                        - {metric: m, max: 2, rationale: r}
                        - {metric: m, max: 2, rationale: r, inconclusive: fail}
                        - {metric: m, max: 2, rationale: r, inconclusive: Report}
                """);

        assertThat(config.confidenceLevel()).isEqualTo(0.99);
        assertThat(config.plugin("p").thresholds()).extracting(t -> t.inconclusive())
                .containsExactly(InconclusivePolicy.WARN, InconclusivePolicy.FAIL, InconclusivePolicy.REPORT);
    }

    @Test
    void reRunsDefaultToTwoForInconclusiveThresholdsAndOneToConfirmAFailure() {
        RunConfig defaults = load("icebench: {}\n");
        RunConfig tuned = load("""
                icebench:
                  inconclusive-reruns: 0
                  confirm-failures: false
                """);

        assertThat(defaults.inconclusiveReruns()).isEqualTo(2);
        assertThat(defaults.confirmFailures()).isTrue();
        assertThat(tuned.inconclusiveReruns()).isZero();
        assertThat(tuned.confirmFailures()).isFalse();
    }

    @Test
    void forksDefaultToOneAndAreReadPerPlugin() {
        RunConfig config = load("""
                icebench:
                  plugins:
                    p: {forks: 10}
                """);

        assertThat(config.plugin("p").forks()).isEqualTo(10);
        assertThat(config.plugin("q").forks()).isEqualTo(1);
    }

    @Test
    void zeroForksAreRejectedWithTheRange() {
        assertThatThrownBy(() -> load("icebench: {plugins: {p: {forks: 0}}}\n"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'icebench.plugins.p.forks' is 0; write a count from 1");
    }

    @Test
    void aNegativeReRunCountIsRejectedWithTheRange() {
        assertThatThrownBy(() -> load("icebench: {inconclusive-reruns: -1}\n"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'icebench.inconclusive-reruns' is -1; write a count from 0 (no re-runs) to 20");
    }

    @Test
    void anUnknownInconclusivePolicyIsRejectedWithTheThreeAllowedValues() {
        assertThatThrownBy(() -> load("""
                icebench:
                  plugins:
                    p:
                      thresholds:
                        - {metric: m, max: 2, rationale: r, inconclusive: retry}
                """))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'icebench.plugins.p.thresholds[0].inconclusive' is 'retry'; write 'warn'")
                .hasMessageContaining("'fail'")
                .hasMessageContaining("or 'report'");
    }

    @Test
    void aConfidenceLevelOfOneIsRejected() {
        assertThatThrownBy(() -> load("""
                icebench:
                  confidence-level: 1
                """))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'icebench.confidence-level' is 1.0, which is not a probability strictly"
                        + " between 0 and 1");
    }

    @Test
    void aTimeoutThatIsNotADurationIsRejected() {
        assertThatThrownBy(() -> load("icebench:\n  plugins:\n    p:\n      timeout: soon\n"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'icebench.plugins.p.timeout' is 'soon', which is not a positive duration");
    }

    @Test
    void aMisspelledPluginKeyIsRejectedByName() {
        assertThatThrownBy(() -> load("icebench:\n  plugins:\n    p:\n      thresholdz: []\n"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("icebench.plugins.p.thresholdz");
    }

    @Test
    void withoutAFileTheBuiltInDefaultsApply() {
        RunConfig config = ConfigLoader.load(Optional.empty(), temp);

        assertThat(config.source()).isEmpty();
        assertThat(config.resultsDir()).isEqualTo(temp.resolve("results"));
        assertThat(config.reports()).containsExactly("json", "junit-xml", "markdown", "csv", "html");
    }
    @Test
    void aDuplicatePluginsKeyIsRefusedWithTheKeyTheFileAndBothLineNumbers() {
        // Before: SnakeYAML kept the second section, the first one's thresholds were gone, and nothing said so.
        assertThatThrownBy(() -> load("""
                icebench:
                  plugins:
                    cpu-calibration:
                      thresholds:
                        - {metric: sort_time, max: 10, rationale: r}
                  alpha: 0.01
                  plugins:
                    cpu-calibration:
                      enabled: true
                """))
                .isInstanceOf(UsageException.class)
                .hasMessage("configuration file '" + temp.resolve("icebench.yaml") + "': key 'icebench.plugins'"
                        + " appears twice, at lines 2 and 7; YAML would silently keep only the second: keep one"
                        + " (merge them if they are sections)");
    }

    @Test
    void aDuplicateKeyInsideAThresholdIsRefusedWithItsPath() {
        assertThatThrownBy(() -> load("""
                icebench:
                  plugins:
                    p:
                      thresholds:
                        - metric: m
                          max: 10
                          max: 20
                          rationale: r
                """))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("key 'icebench.plugins.p.thresholds[0].max' appears twice, at lines 6 and 7");
    }

    @Test
    void anchorsAliasesAndMergeKeysWithinTheCapStillLoad() {
        RunConfig config = load("""
                x-ceiling: &ceiling {metric: latency, statistic: p99, max: 50, rationale: the seed's ceiling}
                icebench:
                  plugins:
                    a:
                      thresholds: [*ceiling]
                    b:
                      thresholds:
                        - <<: *ceiling
                          max: 60
                """);

        assertThat(config.plugin("a").thresholds()).hasSize(1);
        assertThat(((Threshold.Absolute) config.plugin("b").thresholds().get(0)).limit()).isEqualTo(60);
    }

    @Test
    void aYamlBombUnderSnakeYamlsAliasLimitIsRefusedInWellUnderASecond() {
        String bomb = io.icebench.runner.testing.YamlBomb.of(24);
        assertThat(bomb.length()).isLessThan(1024);  // the size cap alone does not catch it

        long start = System.nanoTime();
        assertThatThrownBy(() -> load(bomb))
                .isInstanceOf(UsageException.class)
                .hasMessage("configuration file '" + temp.resolve("icebench.yaml") + "' expands to more than 100000"
                        + " YAML values through its aliases (*name), the most icebench reads; write the values out,"
                        + " or nest fewer aliases");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void theExpansionCountsASharedAliasOnceForEveryPlaceItIsUsed() {
        // The bomb's seven nodes before 'lol', then level i's key and its 2^(i+2) - 1 nodes: 2^(levels+3) + 3.
        assertThat(ConfigFile.expandedSize(compose(io.icebench.runner.testing.YamlBomb.of(2)), temp)).isEqualTo(35);
        assertThat(ConfigFile.expandedSize(compose(io.icebench.runner.testing.YamlBomb.of(13)), temp))
                .isEqualTo(65_539).isLessThanOrEqualTo(ConfigFile.MAX_NODES);
        assertThat(ConfigFile.expandedSize(compose(io.icebench.runner.testing.YamlBomb.of(14)), temp))
                .isGreaterThan(ConfigFile.MAX_NODES);
    }

    private static org.yaml.snakeyaml.nodes.Node compose(String yaml) {
        return new org.yaml.snakeyaml.Yaml().compose(new java.io.StringReader(yaml));
    }

    @Test
    void aFileLargerThanOneMebibyteIsRefusedBeforeItIsParsed() {
        String big = "icebench:\n  results-dir: out\n" + ("# " + "x".repeat(98) + "\n").repeat(11_000);

        assertThatThrownBy(() -> load(big))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("icebench.yaml' is larger than 1 MiB, the most icebench reads");
    }

    @Test
    void anAliasInsideItsOwnAnchorIsRefused() {
        assertThatThrownBy(() -> load("icebench:\n  results-dir: out\nloop: &loop [a, *loop]\n"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("the anchor '&loop' at line 3 is used by an alias inside itself");
    }

    @Test
    void aSecondYamlDocumentIsRefused() {
        assertThatThrownBy(() -> load("icebench:\n  alpha: 0.01\n---\nicebench:\n  alpha: 0.05\n"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("holds 2 YAML documents (the second starts at line 4); icebench reads one");
        assertThat(load("---\nicebench:\n  alpha: 0.05\n").alpha()).isEqualTo(0.05);
    }

    @Test
    void aWholeNumberKeyBeyondAnIntIsOutOfRangeWithTheKeysOwnRange() {
        assertThatThrownBy(() -> load("icebench: {plugins: {p: {forks: 99999999999999}}}\n"))
                .isInstanceOf(UsageException.class)
                .hasMessageEndingWith("'icebench.plugins.p.forks' is 99999999999999, which is out of range; write a"
                        + " count from 1 to 100");
        assertThatThrownBy(() -> load("icebench: {inconclusive-reruns: 1.5}\n"))
                .isInstanceOf(UsageException.class)
                .hasMessageEndingWith("'icebench.inconclusive-reruns' is '1.5', which is not a whole number; write a"
                        + " count from 0 to 20");
    }
    @Test
    void anEmptyFileOrOneOfCommentsIsTheDefaults() {
        assertThat(load("").alpha()).isEqualTo(0.01);
        assertThat(load("# nothing yet\n").reports()).contains("json");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithTheEncodingToUse() throws java.io.IOException {
        Path file = temp.resolve("latin1.yaml");
        java.nio.file.Files.write(file, "icebench:\n  results-dir: caf\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), temp))
                .isInstanceOf(UsageException.class)
                .hasMessage("configuration file '" + file + "' is not UTF-8 text; save it as UTF-8");
    }
}
