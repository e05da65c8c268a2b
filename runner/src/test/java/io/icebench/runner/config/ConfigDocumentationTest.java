package io.icebench.runner.config;

import io.icebench.runner.discovery.DiscoveredPlugin;
import io.icebench.runner.discovery.PluginDiscovery;
import io.icebench.runner.testing.PluginJars;
import io.icebench.spi.ParameterSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/CONFIG.md cannot drift from the code: every key the mapping reads and every built-in parameter is in it. */
class ConfigDocumentationTest {

    private static String configDoc() throws IOException {
        return Files.readString(PluginJars.repositoryRoot().resolve("docs/CONFIG.md"));
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }

    /** The key as SmallRye maps it: {@code @WithName} when present, else the method's name in kebab case. */
    private static String kebab(Method method) {
        io.smallrye.config.WithName name = method.getAnnotation(io.smallrye.config.WithName.class);
        return name != null ? name.value() : kebab(method.getName());
    }

    @Test
    void everyConfigurationKeyIsDocumented() throws IOException {
        String doc = configDoc();
        for (Method method : IcebenchConfig.class.getDeclaredMethods()) {
            assertThat(doc).as("docs/CONFIG.md documents icebench." + kebab(method))
                    .contains("`icebench." + kebab(method));
        }
        for (Method method : IcebenchConfig.PluginConfig.class.getDeclaredMethods()) {
            assertThat(doc).contains("`icebench.plugins.<id>." + kebab(method) + "`");
        }
        for (Method method : IcebenchConfig.PairedConfig.class.getDeclaredMethods()) {
            assertThat(doc).contains("`icebench.plugins.<id>.paired." + kebab(method) + "`");
        }
        for (Method method : IcebenchConfig.ThresholdConfig.class.getDeclaredMethods()) {
            assertThat(doc).contains("`icebench.plugins.<id>.thresholds[i]." + kebab(method) + "`");
        }
    }

    @Test
    void everyBuiltInPluginParameterIsDocumentedWithItsDefault() throws IOException {
        String doc = configDoc();
        for (DiscoveredPlugin plugin : PluginDiscovery.discover(Optional.empty()).plugins()) {
            assertThat(doc).contains("### `" + plugin.id() + "`");
            for (ParameterSpec parameter : plugin.parameters()) {
                assertThat(doc).as(plugin.id() + "." + parameter.name())
                        .containsPattern("\\| `" + parameter.name() + "` \\| [a-z_]+ \\| "
                                + java.util.regex.Pattern.quote(parameter.defaultValue()) + " \\|");
            }
        }
    }
}
