package io.icebench.runner.cli;

import io.icebench.runner.IcebenchVersion;
import org.jboss.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.nio.file.Path;
import java.util.logging.Level;

/**
 * {@code -v}/{@code --verbose} for every command, before or after its name ({@code runner -v list} as much as
 * {@code runner list -v}): picocli executes only the last command of a command line, so an option given to the
 * top command would otherwise be parsed and never looked at. The execution strategy looks at every command on the
 * line, raises icebench's log level before anything runs, and logs what runs as the first DEBUG line.
 * {@code LOGLEVEL=DEBUG} sets the same level through application.properties.
 */
final class Verbosity {

    static final String OPTION = "--verbose";

    /** The loggers -v raises: icebench's own, whatever LOGLEVEL says. */
    static final String CATEGORY = "io.icebench";

    private static final Logger LOG = Logger.getLogger(Verbosity.class);

    private Verbosity() {
    }

    /** picocli's {@link CommandLine.IExecutionStrategy}: the default one ({@link CommandLine.RunLast}), after this. */
    static int execute(ParseResult parseResult) {
        if (requested(parseResult)) {
            raise();
        }
        if (LOG.isDebugEnabled()) {
            ParseResult last = parseResult;
            while (last.hasSubcommand()) {
                last = last.subcommand();
            }
            LOG.debugf("icebench %s: '%s' with arguments %s in %s (Java %s)", IcebenchVersion.get(),
                    last.commandSpec().qualifiedName(), parseResult.originalArgs(), Path.of("").toAbsolutePath(),
                    System.getProperty("java.version"));
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** Whether any command on the line was given {@code -v}. */
    static boolean requested(ParseResult parseResult) {
        for (ParseResult command = parseResult; command != null; command = command.subcommand()) {
            if (command.hasMatchedOption(OPTION)) {
                return true;
            }
        }
        return false;
    }

    /** DEBUG for icebench's loggers. */
    static void raise() {
        java.util.logging.Logger.getLogger(CATEGORY).setLevel(Level.FINE);
    }
}
