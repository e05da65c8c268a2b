package io.icebench.runner.reliability;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.testing.Cli;
import io.icebench.runner.testing.Yaml;
import io.icebench.runner.testing.YamlBomb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Configuration mistakes and the small console defects, through the packaged runner: each mistake is exit 2 with
 * one line naming the file and the fix, before anything runs, and the results folder is left as it was.
 */
class ConfigurationIT {

    private static final String HISTORY = "{\"run\":\"earlier\"}\n";

    @TempDir
    Path temp;

    private Path results;

    @BeforeEach
    void anEarlierRun() throws IOException {
        results = temp.resolve("results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("history.jsonl"), HISTORY);
    }

    /** Nothing was started: no run folder, no .partial folder, the history as it was. */
    private void resultsUntouched() throws IOException {
        try (Stream<Path> entries = Files.list(results)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("history.jsonl");
        }
        assertThat(Cli.leftovers(temp, ".partial")).isEmpty();
        assertThat(Files.readString(results.resolve("history.jsonl"))).isEqualTo(HISTORY);
    }

    private Cli.Result regression(Path config) {
        return Cli.in(temp).run("--mode=regression", "--config", config.toString(), "--results-dir",
                results.toString());
    }

    @Test
    void aDuplicatePluginsKeyIsExitTwoWithTheKeyTheFileAndBothLineNumbers() throws IOException {
        // Before: the first section (the thresholds) was dropped, and the run passed with "0 thresholds".
        Path config = Yaml.write(temp, "twice.yaml", Yaml.FAST_CALIBRATION + """
                  plugins:
                    cpu-calibration:
                      enabled: true
                """);

        Cli.Result result = regression(config);

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("icebench: configuration file '" + config + "': key"
                + " 'icebench.plugins' appears twice, at lines 2 and 14; YAML would silently keep only the second:"
                + " keep one (merge them if they are sections)");
        assertThat(result.out()).isEmpty();
        resultsUntouched();
    }

    @Test
    void aYamlBombUnderTheAliasLimitIsExitTwoWithinSeconds() throws IOException {
        // Before: minutes of work to 6 GB of RSS, then an OutOfMemoryError and exit 1. The small heap makes a
        // regression fail in seconds here instead of taking the machine's memory.
        Path config = Yaml.write(temp, "bomb.yaml", YamlBomb.of(24));
        assertThat(Files.size(config)).isLessThan(1024);

        long start = System.nanoTime();
        Cli.Result result = Cli.in(temp).jvm("-Xmx256m").run("--mode=regression", "--config", config.toString(),
                "--results-dir", results.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("icebench: configuration file '" + config + "' expands to"
                + " more than 100000 YAML values through its aliases (*name), the most icebench reads; write the"
                + " values out, or nest fewer aliases");
        assertThat(took).as("JVM start included").isLessThan(Duration.ofSeconds(15));
        resultsUntouched();
    }

    @Test
    void aConfigurationFileOverOneMebibyteIsExitTwo() throws IOException {
        Path config = Yaml.write(temp, "huge.yaml", Yaml.FAST_CALIBRATION
                + ("# " + "x".repeat(98) + "\n").repeat(11_000));

        Cli.Result result = regression(config);

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("icebench: configuration file '" + config + "' is larger"
                + " than 1 MiB, the most icebench reads; is it the right file? (the shipped ones are a few KiB)");
        resultsUntouched();
    }

    @Test
    void aBatchSizeBeyondAnIntIsOutOfRangeWithTheRange() throws IOException {
        Path config = Yaml.write(temp, "range.yaml", """
                icebench:
                  plugins:
                    dataloader-throughput:
                      parameters: {batch_size: 99999999999999}
                """);

        Cli.Result result = Cli.in(temp).run("--mode=explore", "--plugin", "dataloader-throughput", "--config",
                config.toString(), "--results-dir", results.toString());

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("icebench: configuration '" + config + "':"
                + " 'icebench.plugins.dataloader-throughput.parameters': parameter 'batch_size' has value"
                + " '99999999999999', which is out of range for a whole number (int): write one from -2147483648"
                + " to 2147483647");
        resultsUntouched();
    }

    @Test
    void helpAndAUsageErrorStartWithoutAPicocliWarning() throws IOException {
        Cli.Result help = Cli.in(temp).run("--help");
        Cli.Result calibrateHelp = Cli.in(temp).run("calibrate", "--help");
        Cli.Result mistake = Cli.in(temp).run("--results-dir", results.toString());

        assertThat(help.exit()).isEqualTo(ExitCodes.OK);
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).startsWith("Usage: runner").contains("--inject-slowdown 10%\n");
        assertThat(calibrateHelp.exit()).isEqualTo(ExitCodes.OK);
        assertThat(calibrateHelp.err()).isEmpty();
        assertThat(calibrateHelp.out()).contains("such as 10%.");
        assertThat(mistake.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(mistake.errLines().get(0)).isEqualTo("missing --mode: use --mode=regression, or --mode=explore"
                + " --plugin=ID, or the 'list' command");
        assertThat(mistake.err()).doesNotContain("WARN");
        resultsUntouched();
    }

    @Test
    void aDumbTerminalAndNoColorGetNoAnsiColours() throws Exception {
        assumeThat(Path.of("/usr/bin/script")).as("util-linux script, for a terminal").isExecutable();
        Path config = Yaml.write(temp, "fast.yaml", Yaml.FAST_CALIBRATION);
        String[] run = {"--mode=explore", "--plugin", "cpu-calibration", "--config", config.toString(),
            "--results-dir", results.toString()};

        // On a terminal that can show them, picocli colours the help: the terminal here is real.
        assertThat(onATerminal("xterm", null, "--help")).contains("\u001b[");

        assertThat(onATerminal("dumb", null, "--help")).startsWith("Usage: runner").doesNotContain("\u001b[");
        assertThat(onATerminal("xterm", "1", "--help")).startsWith("Usage: runner").doesNotContain("\u001b[");
        // The log lines too: Quarkus coloured them whenever there was a console.
        assertThat(onATerminal("dumb", null, run)).contains("INFO", "explore run").doesNotContain("\u001b[");
        assertThat(onATerminal("xterm", "1", run)).contains("INFO", "explore run").doesNotContain("\u001b[");
    }

    /** What the runner writes to a pseudo-terminal (stdout and stderr together), started by script(1). */
    private String onATerminal(String term, String noColor, String... args) throws Exception {
        String command = Cli.in(temp).command(args).stream().map(ConfigurationIT::quoted)
                .collect(Collectors.joining(" "));
        Path log = Files.createTempFile(temp, "terminal", ".log");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null")
                .directory(temp.toFile()).redirectOutput(log.toFile()).redirectErrorStream(true);
        builder.environment().put("TERM", term);
        builder.environment().put("ICEBENCH_PROGRESS", "off");
        builder.environment().remove("NO_COLOR");
        if (noColor != null) {
            builder.environment().put("NO_COLOR", noColor);
        }
        Process process = builder.start();
        if (!process.waitFor(Cli.LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("the runner did not end on the terminal: " + command);
        }
        String output = Files.readString(log);
        System.out.println("$ TERM=" + term + " NO_COLOR=" + noColor + " " + command + "\nexit "
                + process.exitValue() + "\n" + output);
        assertThat(process.exitValue()).isEqualTo(ExitCodes.OK);
        return output;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
