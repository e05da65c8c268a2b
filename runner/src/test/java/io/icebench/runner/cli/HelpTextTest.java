package io.icebench.runner.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * picocli formats every help text with {@link String#format}, so a lone {@code %} (such as "10%") makes it print
 * a WARN to stderr before the help and before every usage error. The help of every command must render without one.
 */
class HelpTextTest {

    @Test
    void theHelpOfEveryCommandRendersWithoutAPicocliWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringBuilder help = new StringBuilder();
        // picocli's tracer writes to whatever System.err is when it warns.
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            render(new CommandLine(new RunnerCommand()), help);
        } finally {
            System.setErr(original);
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(help).contains("runner calibrate --plugin ID --runs 20 --inject-slowdown 10%\n",
                "such as 10%.");
    }

    private static void render(CommandLine command, StringBuilder help) {
        help.append(command.getUsageMessage(Ansi.OFF));
        command.getSubcommands().values().forEach(sub -> render(sub, help));
    }
}
