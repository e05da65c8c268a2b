package io.icebench.runner.launch;

import io.icebench.plugins.reports.JsonReportWriter;
import io.icebench.runner.ExitCodes;
import io.icebench.runner.baseline.History;
import io.icebench.runner.baseline.RunSamples;
import io.icebench.runner.discovery.DiscoveredWriter;
import io.icebench.runner.report.ResultsFolder;
import io.icebench.spi.RunReport;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of a run: the report writers, the history, and the folder published. A writer or a history append that
 * fails makes the run exit 3 (a run that would otherwise exit 0; a failed gate stays 1), and the reports already
 * written are written again with that exit code and the failure under {@code problems}, so no report says a run
 * passed with exit 0 when the runner exits 3. A writer that fails, either time, leaves none of its files.
 */
final class Publishing {

    private static final Logger LOG = Logger.getLogger(Publishing.class);

    private Publishing() {
    }

    static RunResult finish(RunReport report, ResultsFolder folder, List<DiscoveredWriter> writers, Path resultsDir) {
        List<String> failures = new ArrayList<>();
        Map<DiscoveredWriter, List<String>> written = new LinkedHashMap<>();
        for (DiscoveredWriter writer : writers) {
            attempt(writer, report, folder, failures).ifPresent(files -> written.put(writer, files));
        }
        try {
            // The history's line states the exit code too: a writer that failed already makes it 3.
            History.append(resultsDir, RunSamples.of(failures.isEmpty() ? report : withFailures(report, failures)));
        } catch (IOException e) {
            String failure = "could not append the run to " + History.file(resultsDir) + " (" + e + "): the run is"
                    + " not in the history, so --baseline latest will not see it; make the file writable or free disk"
                    + " space";
            LOG.error(failure);
            failures.add(failure);
        }
        RunReport last = report;
        if (!failures.isEmpty()) {
            last = withFailures(report, failures);
            for (Map.Entry<DiscoveredWriter, List<String>> entry : written.entrySet()) {
                if (attempt(entry.getKey(), last, folder, failures).isEmpty()) {
                    // Its first files state the wrong exit code: none of them are kept either.
                    folder.discard(entry.getValue());
                }
            }
        }
        boolean json = writers.stream().anyMatch(writer -> writer.id().equals(JsonReportWriter.ID));
        Path published;
        try {
            published = folder.publish(json ? List.of(JsonReportWriter.FILE_NAME) : List.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot publish results folder of run " + report.runId() + ": " + e, e);
        }
        return new RunResult(last, published, failures);
    }

    /** {@code report} with {@code failures} under its problems and the exit code they make. */
    private static RunReport withFailures(RunReport report, List<String> failures) {
        List<String> problems = new ArrayList<>(report.problems());
        problems.addAll(failures);
        return new RunReport(report.runId(), report.mode(), report.startedAt(), report.finishedAt(),
                report.icebenchVersion(), report.environment(), report.configuration(), report.plugins(),
                problems, exitCode(report.exitCode()), report.baseline());
    }

    /** The exit code of a run whose reports or history failed: 3, unless the run already failed otherwise. */
    static int exitCode(int measured) {
        return measured == ExitCodes.OK ? ExitCodes.PLUGIN_FAILED : measured;
    }

    private static java.util.Optional<List<String>> attempt(DiscoveredWriter writer, RunReport report,
                                                           ResultsFolder folder, List<String> failures) {
        try {
            return java.util.Optional.of(folder.attempt(writer.id(), () -> writer.writer().write(report, folder)));
        } catch (Exception | LinkageError e) {
            String failure = "report writer '" + writer.id() + "' failed, and left none of its files: " + e;
            LOG.error(failure);
            failures.add(failure);
            return java.util.Optional.empty();
        }
    }
}
