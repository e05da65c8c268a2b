package io.icebench.runner.launch;

import io.icebench.spi.RunReport;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished run.
 *
 * @param report        what the report writers received
 * @param folder        the published results folder
 * @param writerFailures one line per report writer that failed; the others still wrote their files
 */
public record RunResult(RunReport report, Path folder, List<String> writerFailures) {

    public RunResult {
        writerFailures = List.copyOf(writerFailures);
    }

    public int exitCode() {
        return report.exitCode();
    }
}
