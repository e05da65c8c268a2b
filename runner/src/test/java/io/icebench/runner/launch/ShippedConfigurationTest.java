package io.icebench.runner.launch;

import io.icebench.runner.config.ConfigLoader;
import io.icebench.runner.config.RunConfig;
import io.icebench.runner.discovery.Discovered;
import io.icebench.runner.discovery.PluginDiscovery;
import io.icebench.runner.testing.PluginJars;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configurations the project ships are the README's main job and CI's: both must pass every start-time check
 * against the built-in plugins, in both modes, or the newcomer's first command fails with exit 2.
 */
class ShippedConfigurationTest {

    private static final Path ROOT = PluginJars.repositoryRoot();

    @Test
    void theDefaultAndCiProfilesPlanEveryBuiltInPlugin() {
        Discovered discovered = PluginDiscovery.discover(Optional.empty());
        for (String file : List.of("config/icebench.yaml", "config/ci.yaml")) {
            RunConfig config = ConfigLoader.load(Optional.of(ROOT.resolve(file)), ROOT);

            Plan regression = Planner.plan(Mode.REGRESSION, List.of(), config, discovered);
            Plan explore = Planner.plan(Mode.EXPLORE, discovered.pluginIds(), config, discovered);

            assertThat(regression.runs()).as(file).extracting(run -> run.plugin().id())
                    .containsExactly("cpu-calibration", "dataloader-throughput", "forward-latency");
            assertThat(explore.runs()).as(file).hasSize(discovered.plugins().size());
        }
    }

    @Test
    void aYamlListReachesThePluginAsOneParameter() {
        RunConfig config = ConfigLoader.load(Optional.of(ROOT.resolve("config/icebench.yaml")), ROOT);

        assertThat(config.plugin("dom-packing").parameters()).containsEntry("max_seq_len", "256,512,1024")
                .doesNotContainKey("max_seq_len[0]");
    }
}
