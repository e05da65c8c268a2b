package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.UsageException;
import io.icebench.runner.baseline.Baselines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code runner baseline save [--name N] [--run ID|latest]}: records a run's samples as a named baseline. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Manages baselines, the runs relative thresholds (max_regression) compare with.",
        subcommands = {BaselineCommand.Save.class})
public class BaselineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: use 'baseline save'");
    }

    /** {@code runner baseline save}. */
    @Command(name = "save", mixinStandardHelpOptions = true,
            description = "Saves a run as results/baselines/<name>.json (written to a temporary file and renamed).")
    public static class Save implements Callable<Integer> {

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "default",
                description = "Baseline name (default: ${DEFAULT-VALUE}); --baseline NAME uses it.")
        String name;

        @Option(names = "--run", paramLabel = "RUN_ID|latest", defaultValue = Baselines.LATEST,
                description = "The run to save: a run id (folder under the results folder), latest (default), or"
                        + " a results.json.")
        String run;

        @Mixin
        ResultsOptions results;

        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path base = Path.of("").toAbsolutePath();
            Path results = this.results.resultsFolder(base);
            Baselines.Resolved found = Baselines.resolveRun(results, run, base);
            Path file;
            try {
                file = Baselines.save(results, name, found.samples());
            } catch (IOException e) {
                throw new UsageException("cannot write baseline '" + name + "' under " + results + ": " + e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("baseline '" + name + "' = run " + found.samples().runId() + " (from " + found.source()
                    + "): " + file);
            out.flush();
            return ExitCodes.OK;
        }
    }
}
