package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
 * for every command of the packaged runner: each one logs, at least, what runs, before it runs.
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

    /** {@code baseline save}, not {@code baseline}: the command that runs is the last on the line. */
    private static String qualified(List<String> args) {
        return args.get(0).equals("baseline") ? "baseline save" : args.get(0);
    }

    private static List<String> debugLines(Cli.Result result) {
        return result.err().lines().filter(line -> line.matches("\\d\\d:\\d\\d:\\d\\d DEBUG .*")).toList();
    }
}
