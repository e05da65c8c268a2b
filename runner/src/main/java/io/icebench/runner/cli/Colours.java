package io.icebench.runner.cli;

import org.eclipse.microprofile.config.spi.ConfigSource;
import picocli.CommandLine.Help.Ansi;

import java.util.Map;
import java.util.Set;

/**
 * Whether the console gets ANSI colours: not on a terminal that says it cannot show them ({@code TERM=dumb}, as
 * Emacs shells and some CI consoles set), and not when the user asked for none ({@code NO_COLOR} set to anything,
 * the convention of https://no-color.org). Both the log lines (Quarkus decides from {@code quarkus.console.color},
 * which application.properties takes from this configuration source) and picocli's help and usage errors
 * ({@link #ansi}) follow it.
 *
 * <p>The source's ordinal (100) is below the environment's and application.properties', so an explicit
 * {@code QUARKUS_CONSOLE_COLOR=true} still wins. When colours are wanted it supplies an empty value, and Quarkus
 * and picocli detect the terminal as they always do.
 */
public final class Colours implements ConfigSource {

    /**
     * What {@code quarkus.console.color} is set to in application.properties, as an expression: Quarkus records the
     * values of run-time properties at build time, but expressions in them are expanded at run time, so the
     * colours follow the terminal the runner runs in, not the one it was built in.
     */
    static final String COLOR = "icebench-console-color";

    /**
     * Always a value, empty when colours are wanted: the build records what this source said in the build's own
     * terminal, and only a value read at run time overrides that record.
     */
    private final Map<String, String> properties = Map.of(COLOR, wanted(System.getenv()) ? "" : "false");

    /** Whether an environment allows colours; a terminal must still be there for them to be used. */
    static boolean wanted(Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        String term = environment.get("TERM");
        return term == null || !term.equalsIgnoreCase("dumb");
    }

    /** picocli's setting: its own terminal detection when colours are wanted, none otherwise. */
    static Ansi ansi(Map<String, String> environment) {
        return wanted(environment) ? Ansi.AUTO : Ansi.OFF;
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "icebench colours (TERM=dumb, NO_COLOR)";
    }

    @Override
    public int getOrdinal() {
        return 100;
    }
}
