package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.interchange.JmhImport;
import io.icebench.runner.launch.Mode;
import io.icebench.runner.launch.RunRequest;
import io.icebench.runner.launch.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code runner import-jmh FILE [--id ID]}: a JMH result file (-rf json) becomes a regression run of one plugin,
 * judged by that plugin's thresholds in the configuration, with the usual reports and exit code.
 */
@Command(name = "import-jmh", mixinStandardHelpOptions = true,
        description = {"Imports a JMH result file (written with -rf json) as a regression run of one plugin: each"
                + " benchmark (per params) becomes a metric whose samples are its iteration scores, judged by the"
                + " thresholds under icebench.plugins.<id> and written like any run (reports, history, --baseline).",
            "Exit codes as for --mode=regression: 0 passed, 1 a threshold failed or a regression, 2 bad file or"
                + " configuration (nothing written)."})
public class ImportJmhCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The JMH result JSON (jmh -rf json -rff FILE).")
    Path file;

    @Option(names = "--id", paramLabel = "PLUGIN_ID", defaultValue = JmhImport.DEFAULT_ID,
            description = "Plugin id the benchmarks are recorded under; its configuration section holds their"
                    + " thresholds (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration (default: config/icebench.yaml when it exists).")
    Path config;

    @Option(names = "--results-dir", paramLabel = "DIR", description = "Where run folders go (default: results).")
    Path resultsDir;

    @Option(names = "--baseline", paramLabel = "NAME|latest|FILE",
            description = "What max_regression thresholds compare with, as for a run: a saved baseline, latest, or a"
                    + " results.json / baseline file.")
    String baseline;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        common.applyLogLevel();
        RunRequest request = new RunRequest(Mode.REGRESSION, List.of(id), Optional.ofNullable(config),
                common.pluginPath(), Optional.ofNullable(resultsDir), Optional.empty(), Path.of("").toAbsolutePath(),
                Optional.ofNullable(baseline), Optional.empty());
        RunResult result = JmhImport.run(file, id, request);

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
