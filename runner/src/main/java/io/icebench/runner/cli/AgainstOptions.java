package io.icebench.runner.cli;

import io.icebench.runner.launch.Against;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** {@code --against}, {@code --against-app} and {@code --against-plugin-path}: the base of paired thresholds. */
public final class AgainstOptions {

    @Option(names = "--against", paramLabel = "REF",
            description = "Judge paired_max_regression thresholds against REF, a git revision of the project in the"
                    + " working directory (such as HEAD~1 or origin/main), built once into"
                    + " target/icebench-against/ and measured in this job, fork against fork.")
    String revision;

    @Option(names = "--against-app", paramLabel = "DIR",
            description = "As --against, with an application already built: a folder with quarkus-run.jar, or a"
                    + " project root with runner/target/quarkus-app.")
    Path app;

    @Option(names = "--against-plugin-path", paramLabel = "DIR",
            description = "The base's drop-in plugin folder (default: the same --plugin-path).")
    Path pluginPath;

    /** The three options as one request, checked; empty when none was given. */
    Optional<Against> against(CommandSpec spec) {
        if (revision != null && app != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--against and --against-app both name the"
                    + " base; give one: a git revision (--against HEAD~1) or a built application (--against-app DIR)");
        }
        if (revision == null && app == null) {
            if (pluginPath != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--against-plugin-path needs --against"
                        + " REF or --against-app DIR");
            }
            return Optional.empty();
        }
        Against base = revision != null ? Against.revision(revision) : Against.app(app);
        return Optional.of(base.withPluginPath(Optional.ofNullable(pluginPath)));
    }
}
