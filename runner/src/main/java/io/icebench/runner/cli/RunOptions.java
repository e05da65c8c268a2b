package io.icebench.runner.cli;

import io.icebench.runner.launch.Against;
import io.icebench.runner.launch.Mode;
import io.icebench.runner.launch.RunRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The options of every command that makes a run: a run itself and {@code import-jmh}. */
public final class RunOptions {

    @Mixin
    ResultsOptions results;

    @Option(names = "--baseline", paramLabel = "NAME|latest|FILE",
            description = "What max_regression thresholds compare with: a saved baseline (results/baselines/NAME.json),"
                    + " latest (the newest run in results/history.jsonl), or a results.json or baseline file.")
    String baseline;

    @Mixin
    CommonOptions common;

    /** The run these options ask for, of {@code plugins} in {@code mode}, relative to the working directory. */
    RunRequest request(Mode mode, List<String> plugins, Optional<String> dataset, Optional<Against> against) {
        return new RunRequest(mode, plugins, results.configFile(), common.pluginPath(), results.resultsDir(), dataset,
                Path.of("").toAbsolutePath(), Optional.ofNullable(baseline), against);
    }
}
