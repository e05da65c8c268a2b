package io.icebench.spi.command;

/**
 * A subcommand that a library on the runner's class path adds to the runner's command line, such as the data
 * library's {@code generate-data}: the runner's own code stays free of the library, and the library that knows its
 * data brings the command that writes it. Found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.icebench.spi.command.CommandProvider}) on the runner's own class path only, never in
 * the plugin folder: a command runs before any plugin is chosen, with the user's rights.
 *
 * <p>The runner adds the options every command takes ({@code --verbose}, {@code --plugin-path}) to the command and
 * applies them before it runs, and prints an exception from {@link CommandContext#usageError} as one line with exit
 * code 2, like its own commands' mistakes.
 *
 * @since SPI 1.5
 */
public interface CommandProvider {

    /**
     * The command: an object of a class annotated with picocli's {@code @Command} that implements
     * {@code Callable<Integer>}, whose result is the exit code. Called once per process, when the command line is
     * built. Typed {@code Object} so that the SPI itself stays free of picocli.
     */
    Object command(CommandContext context);
}
