package io.icebench.runner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How {@code --help} is laid out: as wide as the terminal, and with the top command's examples in a table of their
 * own, so that a long explanation wraps inside its column instead of back to column 0 as a description line does.
 */
final class HelpLayout {

    /** The key of the examples' section, after the list of commands: the last thing before the footer. */
    static final String EXAMPLES = "examples";

    /** Widest the command column gets, so that at 80 columns the explanations keep about half the line. */
    private static final int MAX_COMMAND_COLUMN = 47;

    /** An example of the top command's help: a command line and what it does. */
    record Example(String command, String meaning) {
    }

    private HelpLayout() {
    }

    /**
     * Sets the width of every command's help ({@code COLUMNS} when set, else the terminal's when picocli can read
     * it, else 80) and adds the examples' section to the top command's.
     */
    static CommandLine apply(CommandLine commandLine, Map<String, String> environment, List<Example> examples) {
        columns(environment).ifPresent(commandLine::setUsageHelpWidth);
        commandLine.setUsageHelpAutoWidth(!environment.containsKey("COLUMNS"));
        commandLine.getHelpSectionMap().put(EXAMPLES, help -> render(help, examples));
        List<String> keys = new ArrayList<>(commandLine.getHelpSectionKeys());
        keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), EXAMPLES);
        commandLine.setHelpSectionKeys(keys);
        return commandLine;
    }

    private static java.util.OptionalInt columns(Map<String, String> environment) {
        try {
            int columns = Integer.parseInt(environment.getOrDefault("COLUMNS", "").trim());
            return columns > 0 ? java.util.OptionalInt.of(columns) : java.util.OptionalInt.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /**
     * "Examples:" and a two-column table. A command longer than its column spans into the next one and its
     * explanation starts on the line below, in the explanations' column, as picocli lays out a long option name;
     * an explanation's second line is indented by two more, as an option's is.
     */
    static String render(Help help, List<Example> examples) {
        int width = help.commandSpec().usageMessage().width();
        int longest = examples.stream().mapToInt(e -> e.command().length()).max().orElse(0);
        int commandColumn = Math.min(longest + 4, MAX_COMMAND_COLUMN);
        TextTable table = TextTable.forColumns(help.colorScheme(),
                new Column(commandColumn, 2, Column.Overflow.SPAN),
                new Column(width - commandColumn, 0, Column.Overflow.WRAP));
        for (Example example : examples) {
            table.addRowValues(example.command(), example.meaning());
        }
        return "%nExamples:%n".formatted() + table;
    }
}
