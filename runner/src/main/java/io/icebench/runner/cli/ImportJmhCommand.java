package io.icebench.runner.cli;

import io.icebench.runner.interchange.JmhImport;
import io.icebench.runner.launch.Mode;
import io.icebench.runner.launch.RunRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code runner import-jmh FILE [--id ID]}: a JMH result file (-rf json) becomes a regression run of one plugin,
 * judged by that plugin's thresholds in the configuration, with the usual reports and exit code.
 */
@Command(name = "import-jmh", mixinStandardHelpOptions = true,
        description = {"Imports a JMH result file (written with -rf json) as a regression run of one plugin.",
            "Each benchmark (per params) becomes a metric whose samples are its iteration scores, judged by the"
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

    @Mixin
    RunOptions run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunRequest request = run.request(Mode.REGRESSION, List.of(id), Optional.empty(), Optional.empty());
        return RunOutput.print(JmhImport.run(file, id, request), spec.commandLine());
    }
}
