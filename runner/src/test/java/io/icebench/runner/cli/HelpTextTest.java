package io.icebench.runner.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help of every command as a user reads it in a terminal of 80 or 120 columns: no line wider than the terminal,
 * the top command's examples in a table whose explanations wrap inside their own column, and every command's
 * description whole, in its own help and in the list of commands.
 */
class HelpTextTest {

    /** The command line as the application builds it (see CommandLineFactory), in a terminal this wide. */
    private static CommandLine commandLine(int columns) {
        // as CommandLineFactory builds it: with the commands other modules contribute (generate-data)
        return HelpLayout.apply(ContributedCommands.addTo(new CommandLine(new RunnerCommand())),
                Map.of("COLUMNS", Integer.toString(columns)), RunnerCommand.EXAMPLES);
    }

    /**
     * picocli formats every description with {@link String#format}, so a lone {@code %} (such as "10%") makes it
     * print a WARN to stderr before the help and before every usage error.
     */
    @Test
    void theHelpOfEveryCommandRendersWithoutAPicocliWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> helps = new ArrayList<>();
        // picocli's tracer writes to whatever System.err is when it warns.
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            render(commandLine(80), helps);
        } finally {
            System.setErr(original);
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(String.join("\n", helps)).contains("runner calibrate --plugin ID --runs 20 --inject-slowdown 10%",
                "such as 10%.");
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 120})
    void noLineOfAnyCommandsHelpIsWiderThanTheTerminal(int columns) {
        List<String> helps = new ArrayList<>();
        render(commandLine(columns), helps);

        assertThat(helps).hasSizeGreaterThan(8);
        for (String help : helps) {
            assertThat(help.lines()).as(help).allSatisfy(line -> assertThat(line.length()).as(line)
                    .isLessThanOrEqualTo(columns));
        }
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 120})
    void theExamplesAreATableWhoseExplanationsWrapInsideTheirColumn(int columns) {
        List<String> section = section(commandLine(columns).getUsageMessage(Ansi.OFF), "Examples:");

        assertThat(section).as("the Examples section").isNotEmpty()
                .allSatisfy(line -> assertThat(line).as("a line of the examples").startsWith("  "));
        List<String> rowStarts = section.stream().filter(line -> line.startsWith("  runner ")).toList();
        assertThat(rowStarts).hasSameSizeAs(RunnerCommand.EXAMPLES);
        // The explanations have a column of their own: a wrapped line goes on in it, never back to the left.
        int column = rowStarts.get(0).indexOf(RunnerCommand.EXAMPLES.get(0).meaning().split(" ")[0]);
        assertThat(column).isGreaterThan(RunnerCommand.EXAMPLES.get(0).command().length() + 2);
        for (String line : section) {
            if (!line.startsWith("  runner ")) {
                assertThat(line.substring(0, column)).as(line).isBlank();
            }
        }
        StringBuilder expected = new StringBuilder();
        for (HelpLayout.Example example : RunnerCommand.EXAMPLES) {
            assertThat(section).as("a line starting with the whole command").anyMatch(line -> line.startsWith("  "
                    + example.command()));
            expected.append(example.command()).append(example.meaning());
        }
        // Nothing cut, nothing added, in order.
        assertThat(squeezed(String.join(" ", section))).isEqualTo(squeezed(expected.toString()));
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 120})
    void theListOfCommandsShowsEachCommandsFirstSentenceWhole(int columns) {
        CommandLine top = commandLine(columns);
        List<String> section = section(top.getUsageMessage(Ansi.OFF), "Commands:");

        for (Map.Entry<String, CommandLine> sub : top.getSubcommands().entrySet()) {
            String summary = sub.getValue().getCommandSpec().usageMessage().description()[0];
            assertThat(summary).as(sub.getKey() + "'s first sentence").endsWith(".");
            assertThat(squeezed(entry(section, sub.getKey()))).as(sub.getKey() + " in " + section)
                    .isEqualTo(squeezed(summary));
        }
    }

    @Test
    void everyParagraphOfEveryDescriptionIsAWholeSentence() {
        List<CommandLine> commands = new ArrayList<>();
        collect(commandLine(80), commands);

        for (CommandLine command : commands) {
            assertThat(command.getCommandSpec().usageMessage().description())
                    .as(command.getCommandSpec().qualifiedName()).isNotEmpty()
                    .allSatisfy(paragraph -> assertThat(paragraph).endsWith("."));
        }
    }

    private static void render(CommandLine command, List<String> helps) {
        helps.add(command.getUsageMessage(Ansi.OFF));
        command.getSubcommands().values().forEach(sub -> render(sub, helps));
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    /** The lines after {@code heading} up to the next blank line. */
    private static List<String> section(String help, String heading) {
        List<String> lines = help.lines().toList();
        int start = lines.indexOf(heading);
        assertThat(start).as("'" + heading + "' in\n" + help).isNotNegative();
        List<String> section = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.isBlank()) {
                break;
            }
            section.add(line);
        }
        return section;
    }

    /** A command's entry in the list of commands: its first line after the name, and the lines indented under it. */
    private static String entry(List<String> section, String name) {
        StringBuilder text = new StringBuilder();
        boolean in = false;
        for (String line : section) {
            boolean starts = line.matches("  \\S.*");
            if (starts) {
                in = line.startsWith("  " + name + " ");
                if (in) {
                    text.append(line.substring(2 + name.length()));
                }
            } else if (in) {
                text.append(' ').append(line);
            }
        }
        return text.toString();
    }

    private static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }
}
