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

    @Test
    void theShippedConfigurationsLoadAndEveryThresholdHasARationale() {
        Path root = io.icebench.runner.testing.PluginJars.repositoryRoot();
        for (String file : new String[] {"config/icebench.yaml", "config/ci.yaml"}) {
            RunConfig config = ConfigLoader.load(Optional.of(root.resolve(file)), root);

            assertThat(config.plugin("cpu-calibration").thresholds()).as(file).isNotEmpty()
                    .allSatisfy(threshold -> assertThat(threshold.rationale()).isNotBlank());
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
}
