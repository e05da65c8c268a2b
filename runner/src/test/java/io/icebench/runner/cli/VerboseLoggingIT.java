package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.testing.Cli;
import io.icebench.runner.testing.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DEBUG logging, asked for with {@code LOGLEVEL=DEBUG} or with {@code -v} before or after the command's name, works
 * for every command of the packaged runner: each one logs, at least, what runs, before it runs. A plugin's JVM logs
 * at DEBUG then too, and its lines reach the runner's console, named after the plugin.
 */
class VerboseLoggingIT {

    /**
     * One real invocation of every command, each quick: most end in a usage error (exit 2) after the command has
     * started, which is enough to show that its log level was raised before it ran.
     */
    static final List<List<String>> EVERY_COMMAND = List.of(
            List.of(),                                               // the top command: a run
            List.of("list"),
            List.of("describe", "cpu-calibration"),
            List.of("baseline", "save"),
            List.of("compare", "no-such-run", "latest"),
            List.of("calibrate", "--plugin", "cpu-calibration", "--runs", "0"),
            List.of("import-jmh", "no-such-file.json"),
            List.of("generate-data", "--out", "data", "--events", "0"));

    @TempDir
    Path temp;

    static Stream<Arguments> everyCommand() {
        return EVERY_COMMAND.stream().map(args -> Arguments.of(args.isEmpty() ? "runner" : args.get(0), args));
    }

    @Test
    void theListAboveHoldsEveryCommand() {
        Set<String> named = new TreeSet<>();
        EVERY_COMMAND.stream().filter(args -> !args.isEmpty()).forEach(args -> named.add(args.get(0)));
        // with the commands other modules contribute (generate-data), as CommandLineFactory builds the line
        assertThat(named).containsExactlyInAnyOrderElementsOf(ContributedCommands.addTo(
                new CommandLine(new RunnerCommand())).getSubcommands().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void loglevelDebugLogsWhatRunsForEveryCommand(String name, List<String> args) {
        Cli.Result result = Cli.in(temp).env("LOGLEVEL", "DEBUG").run(args.toArray(String[]::new));

        assertThat(debugLines(result)).as(result.err()).anyMatch(line -> line.contains("'runner" + (args.isEmpty()
                ? "" : " " + qualified(args)) + "' with arguments " + args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void verboseBeforeTheCommandsNameLogsAtDebugToo(String name, List<String> args) {
        List<String> line = new ArrayList<>(List.of("-v"));
        line.addAll(args);

        Cli.Result result = Cli.in(temp).run(line.toArray(String[]::new));

        assertThat(debugLines(result)).as(result.err()).isNotEmpty();
    }

    @Test
    void verboseAfterTheCommandsNameLogsAtDebug() {
        Cli.Result result = Cli.in(temp).run("describe", "cpu-calibration", "--verbose");

        assertThat(result.exit()).isEqualTo(ExitCodes.OK);
        assertThat(debugLines(result)).as(result.err()).anyMatch(line -> line.contains("describe 'cpu-calibration':"
                + " regression-gate from built-in"));
    }

    @Test
    void withoutEitherNoDebugLineIsLogged() {
        Cli.Result result = Cli.in(temp).run("list");

        assertThat(result.exit()).isEqualTo(ExitCodes.OK);
        assertThat(debugLines(result)).as(result.err()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-v", "LOGLEVEL=DEBUG"})
    void aPluginJvmsDebugLinesReachTheConsoleNamedAfterThePlugin(String asked) {
        Cli cli = Cli.in(temp);
        List<String> line = new ArrayList<>(regressionRun());
        if (asked.equals("-v")) {
            line.add(0, "-v");
        } else {
            cli.env("LOGLEVEL", "DEBUG");
        }

        Cli.Result result = cli.run(line.toArray(String[]::new));

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(debugLines(result)).as(result.err()).anyMatch(debug -> debug.matches(".* \\[cpu-calibration\\]"
                + " DEBUG \\[i\\.i\\.r\\.l\\.Measuring\\] 'cpu-calibration': runs in JVM \\d+ with parameters"
                + " \\{.*iterations=5.*\\}, timeout \\S+"));
        // The child's results table is its stdout: neither relayed nor on the runner's stdout.
        assertThat(result.err()).doesNotContain("[cpu-calibration] results:");
        assertThat(result.out()).doesNotContain("[cpu-calibration]").contains("cpu-calibration");
    }

    @Test
    void withoutEitherAPluginJvmsLogStaysOffTheConsole() {
        Cli.Result result = Cli.in(temp).run(regressionRun().toArray(String[]::new));

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).doesNotContain("[cpu-calibration]");
        assertThat(debugLines(result)).as(result.err()).isEmpty();
    }

    /** {@code cpu-calibration} alone, small, in a JVM of its own (the default isolation), with one quick report. */
    private List<String> regressionRun() {
        return List.of("--mode=regression", "--plugin=cpu-calibration", "--config", Yaml.write(temp, "fast.yaml",
                Yaml.FAST_CALIBRATION.replaceFirst("icebench:\n", "icebench:\n  reports: [json]\n")).toString(),
                "--results-dir", "results");
    }

    /** {@code baseline save}, not {@code baseline}: the command that runs is the last on the line. */
    private static String qualified(List<String> args) {
        return args.get(0).equals("baseline") ? "baseline save" : args.get(0);
    }

    private static List<String> debugLines(Cli.Result result) {
        return result.err().lines().filter(line -> line.matches("\\d\\d:\\d\\d:\\d\\d DEBUG .*")).toList();
    }
}
