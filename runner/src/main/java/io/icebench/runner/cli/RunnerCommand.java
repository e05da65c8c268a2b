package io.icebench.runner.cli;

import io.icebench.runner.launch.Mode;
import io.icebench.runner.launch.RunRequest;
import io.icebench.runner.launch.Launcher;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code runner --mode=regression|explore [--plugin=ID]...}: runs plugins and writes the reports. */
@TopCommand
@Command(name = "runner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {ListCommand.class, DescribeCommand.class, BaselineCommand.class,
            CompareCommand.class, CalibrateCommand.class, ImportJmhCommand.class},
        description = "Runs icebench benchmark plugins and writes reports into results/<run-id>/.",
        footer = {
            "",
            "Exit codes:",
            "  0  every gate passed",
            "  1  a gate failed, or a regression against the baseline or the base",
            "  2  usage or configuration error (also: --baseline not found)",
            "  3  a plugin failed to run (threw, timed out, ran out of memory)",
            "  4  inconclusive after re-runs (inconclusive: report)",
            "  5  baseline not comparable (hard fingerprint keys differ)",
            "  6  icebench itself failed",
            "  7  unreliable: a wall-clock threshold missed while the machine was busy",
            "Logging: LOGLEVEL=DEBUG or --verbose (-v), before or after the command's name."
        })
public class RunnerCommand implements Callable<Integer> {

    /** The examples of {@code --help}, in a section of their own (see {@link HelpLayout}). */
    static final List<HelpLayout.Example> EXAMPLES = List.of(
            new HelpLayout.Example("runner --mode=regression",
                    "Every enabled regression gate; the exit code is the verdict."),
            new HelpLayout.Example("runner --mode=explore --plugin=dom-packing",
                    "One or more plugins of any kind; never fails on a threshold."),
            new HelpLayout.Example("runner list",
                    "What was discovered, from where, and what could not load."),
            new HelpLayout.Example("runner describe forward-latency",
                    "A plugin's parameters, metrics and configured thresholds."),
            new HelpLayout.Example("runner --mode=regression --against HEAD~1",
                    "Judges paired thresholds against the parent commit."),
            new HelpLayout.Example("runner --mode=regression --baseline default",
                    "Judges max_regression thresholds against a saved baseline."),
            new HelpLayout.Example("runner baseline save [--name N] [--run ID]",
                    "Saves a run (default: the latest) as a baseline."),
            new HelpLayout.Example("runner compare RUN_A RUN_B",
                    "Compares two runs' samples without running anything."),
            new HelpLayout.Example("runner import-jmh FILE [--id jmh]",
                    "A JMH result (-rf json) as a run, judged by its thresholds."),
            new HelpLayout.Example("runner calibrate --plugin ID --runs 20 --inject-slowdown 10%",
                    "A gate's false-alarm and detection rates."),
            new HelpLayout.Example("runner generate-data --out DIR --events N",
                    "Synthetic data in the Kaggle layout."));

    @Option(names = "--mode", paramLabel = "MODE", description = "regression or explore.")
    Mode mode;

    @Option(names = "--plugin", paramLabel = "ID",
            description = "Plugin to run; repeatable. Required with --mode=explore; restricts --mode=regression.")
    List<String> plugins = new ArrayList<>();

    @Option(names = "--dataset", paramLabel = "DIR|URI",
            description = "Dataset in the Kaggle layout: a folder, or a Hadoop file system's URI such as"
                    + " hdfs://namenode:8020/icecube (default: the embedded default dataset).")
    String dataset;

    @Mixin
    RunOptions run;

    @Mixin
    AgainstOptions againstOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (mode == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing --mode: use --mode=regression, or --mode=explore --plugin=ID, or the 'list' command");
        }
        RunRequest request = run.request(mode, plugins, Optional.ofNullable(dataset), againstOptions.against(spec));
        return RunOutput.print(Launcher.run(request), spec.commandLine());
    }
}
