package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.launch.Mode;
import io.icebench.runner.launch.RunRequest;
import io.icebench.runner.launch.RunResult;
import io.icebench.runner.launch.Launcher;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code runner --mode=regression|explore [--plugin=ID]...}: runs plugins and writes the reports. */
@TopCommand
@Command(name = "runner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {ListCommand.class, BaselineCommand.class, CompareCommand.class,
            CalibrateCommand.class, ImportJmhCommand.class},
        description = {
            "Runs icebench benchmark plugins and writes reports into results/<run-id>/.",
            "",
            "  runner --mode=regression                    every enabled regression gate; exit code is the verdict",
            "  runner --mode=explore --plugin=dom-packing  one or more plugins of any kind; never fails on a threshold",
            "  runner list                                 what was discovered, from where, and what could not load",
            "  runner --mode=regression --against HEAD~1   judge paired thresholds against the parent commit",
            "  runner --mode=regression --baseline default judge max_regression thresholds against a saved baseline",
            "  runner baseline save [--name N] [--run ID]  save a run (default: the latest) as a baseline",
            "  runner compare RUN_A RUN_B                  compare two runs' samples without running anything",
            "  runner import-jmh FILE [--id jmh]           a JMH result (-rf json) as a run, judged by its thresholds",
            "  runner calibrate --plugin ID --runs 20 --inject-slowdown 10%%",
            "                                              a gate's false-alarm and detection rates",
            "  runner generate-data --out DIR --events N   synthetic data in the Kaggle layout"
        },
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
            "Logging: LOGLEVEL=DEBUG or --verbose."
        })
public class RunnerCommand implements Callable<Integer> {

    @Option(names = "--mode", paramLabel = "MODE", description = "regression or explore.")
    Mode mode;

    @Option(names = "--plugin", paramLabel = "ID",
            description = "Plugin to run; repeatable. Required with --mode=explore; restricts --mode=regression.")
    List<String> plugins = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration (default: config/icebench.yaml when it exists).")
    Path config;

    @Option(names = "--results-dir", paramLabel = "DIR", description = "Where run folders go (default: results).")
    Path resultsDir;

    @Option(names = "--dataset", paramLabel = "DIR|URI",
            description = "Dataset in the Kaggle layout: a folder, or a Hadoop file system's URI such as"
                    + " hdfs://namenode:8020/icecube (default: the embedded default dataset).")
    String dataset;

    @Option(names = "--baseline", paramLabel = "NAME|latest|FILE",
            description = "What max_regression thresholds compare with: a saved baseline (results/baselines/NAME.json),"
                    + " latest (the newest run in results/history.jsonl), or a results.json / baseline file.")
    String baseline;

    @Mixin
    AgainstOptions againstOptions;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        common.applyLogLevel();
        if (mode == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing --mode: use --mode=regression, or --mode=explore --plugin=ID, or the 'list' command");
        }
        RunRequest request = new RunRequest(mode, plugins, Optional.ofNullable(config), common.pluginPath(),
                Optional.ofNullable(resultsDir), Optional.ofNullable(dataset), Path.of("").toAbsolutePath(),
                Optional.ofNullable(baseline), againstOptions.against(spec));
        RunResult result = Launcher.run(request);


        PrintWriter out = spec.commandLine().getOut();
        out.print(ConsoleTable.render(result.report()));
        out.println("results: " + result.folder());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        result.writerFailures().forEach(failure -> err.println("icebench: " + failure));
        err.flush();
        if (!result.writerFailures().isEmpty() && result.exitCode() == ExitCodes.OK) {
            return ExitCodes.PLUGIN_FAILED;
        }
        return result.exitCode();
    }

}
