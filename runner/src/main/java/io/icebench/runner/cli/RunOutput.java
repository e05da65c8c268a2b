package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.launch.RunResult;
import io.icebench.spi.PluginReport;
import org.jboss.logging.Logger;
import picocli.CommandLine;

import java.io.PrintWriter;

/** What a command that made a run prints, and the exit code it returns. */
final class RunOutput {

    private static final Logger LOG = Logger.getLogger(RunOutput.class);

    private RunOutput() {
    }

    /**
     * The console table and the run folder on stdout, a report writer's failure on stderr, one line each; the
     * run's exit code, or {@link ExitCodes#PLUGIN_FAILED} when a report could not be written in a run that passed.
     */
    static int print(RunResult result, CommandLine commandLine) {
        logFiles(result);
        PrintWriter out = commandLine.getOut();
        out.print(ConsoleTable.render(result.report()));
        out.println("results: " + result.folder());
        out.flush();
        PrintWriter err = commandLine.getErr();
        result.writerFailures().forEach(failure -> err.println("icebench: " + failure));
        err.flush();
        if (!result.writerFailures().isEmpty() && result.exitCode() == ExitCodes.OK) {
            return ExitCodes.PLUGIN_FAILED;
        }
        return result.exitCode();
    }

    /**
     * Where each plugin's own files are now. A plugin writes them, and may log their paths, while the run is still
     * in its {@code .<run-id>.partial/} folder, which is renamed when the run is complete: this names them where
     * they stay.
     */
    static void logFiles(RunResult result) {
        for (PluginReport plugin : result.report().plugins()) {
            if (!plugin.files().isEmpty()) {
                LOG.infof("'%s' wrote %s in %s", plugin.id(), String.join(", ", plugin.files()), result.folder());
            }
        }
    }
}
