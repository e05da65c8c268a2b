package io.icebench.runner.cli;

import io.icebench.runner.ExitCodes;
import io.icebench.runner.UsageException;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;
import picocli.CommandLine;

/**
 * Configures picocli the way the exit codes need: user mistakes print one line and exit 2, anything unexpected
 * prints one line (and the stack trace with --verbose) and exits 6, a baseline from another machine exits 5, never 1, which means "a gate failed".
 */
@ApplicationScoped
public class CommandLineFactory {

    private static final Logger LOG = Logger.getLogger(CommandLineFactory.class);

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        CommandLine configured = ContributedCommands.addTo(factory.create())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(Verbosity::execute)
                .setColorScheme(CommandLine.Help.defaultColorScheme(Colours.ansi(System.getenv())))
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    if (e instanceof UsageException) {
                        commandLine.getErr().println("icebench: " + e.getMessage());
                        commandLine.getErr().flush();
                        return ExitCodes.USAGE;
                    }
                    if (e instanceof io.icebench.runner.NotComparableException) {
                        commandLine.getErr().println("icebench: " + e.getMessage());
                        commandLine.getErr().flush();
                        return ExitCodes.NOT_COMPARABLE;
                    }
                    LOG.debug("internal error", e);
                    commandLine.getErr().println("icebench: internal error: " + e
                            + " (run with --verbose for the stack trace; please report it)");
                    commandLine.getErr().flush();
                    return ExitCodes.INTERNAL_ERROR;
                });
        return HelpLayout.apply(configured, System.getenv(), RunnerCommand.EXAMPLES);
    }
}
