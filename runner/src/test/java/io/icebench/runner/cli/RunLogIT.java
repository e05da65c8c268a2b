package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.testing.Cli;
import io.icebench.runner.testing.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log names a plugin's own files where they stay. A plugin writes them into the run's {@code .<run-id>.partial/}
 * folder, which is renamed when the run is complete; a path logged while it ran no longer exists afterwards.
 */
class RunLogIT {

    @TempDir
    Path temp;

    @Test
    void theLogNamesAPluginsFilesInThePublishedRunFolder() {
        Path plugins = temp.resolve("plugins");
        PluginJars.exampleDeflate(plugins);

        Cli.Result result = Cli.in(temp).run("--mode=explore", "--plugin=example-deflate", "--plugin-path",
                plugins.toString(), "--results-dir", "results");

        assertThat(result.exit()).as(result.output()).isEqualTo(ExitCodes.OK);
        String folder = result.out().lines().filter(line -> line.startsWith("results: ")).findFirst()
                .orElseThrow().substring("results: ".length());
        assertThat(Path.of(folder).resolve("plugins/example-deflate/levels.csv")).isRegularFile();
        assertThat(result.err()).contains("'example-deflate' wrote plugins/example-deflate/levels.csv in " + folder);
        assertThat(Files.exists(Path.of(folder))).isTrue();
        assertThat(result.err()).doesNotContain(".partial");
    }
}
