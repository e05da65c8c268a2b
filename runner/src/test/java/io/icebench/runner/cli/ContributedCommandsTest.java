package io.icebench.runner.cli;

import io.icebench.runner.UsageException;
import io.icebench.spi.command.CommandContext;
import io.icebench.spi.command.CommandProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command a library contributes runs as one of the runner's own: it takes the common options, --verbose is applied
 * before it runs, and its usage errors are the runner's. The commands here are built programmatically: an
 * {@code @Command} class in the runner's tests would become a bean of the Quarkus tests' application.
 */
class ContributedCommandsTest {

    private static final Logger ICEBENCH = Logger.getLogger("io.icebench");
    private final Level before = ICEBENCH.getLevel();

    /** The level {@code greet} ran under. */
    private Level levelWhenRun;

    @AfterEach
    void restoreLevel() {
        ICEBENCH.setLevel(before);
    }

    /** {@code greet [--fail]}: records the log level it runs under; with --fail, a user's mistake. */
    private CommandSpec greet(CommandContext runner) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
            levelWhenRun = ICEBENCH.getLevel();
            throw runner.usageError("greet: nobody to greet; pass a name");
        });
        return spec.name("greet");
    }

    private CommandSpec quietGreet(CommandContext runner) {
        return CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
            levelWhenRun = ICEBENCH.getLevel();
            return 0;
        }).name("greet").addOption(OptionSpec.builder("--loud").build());
    }

    private static CommandLine runnerWith(CommandProvider provider) {
        return ContributedCommands.addTo(new CommandLine(CommandSpec.create().name("runner")), List.of(provider));
    }

    @Test
    void verboseIsAppliedBeforeTheContributedCommandRunsAndThePluginPathIsAccepted() {
        ICEBENCH.setLevel(Level.INFO);

        int exit = runnerWith(this::quietGreet).execute("greet", "--verbose", "--plugin-path", "plugins", "--loud");

        assertThat(exit).isZero();
        assertThat(levelWhenRun).isEqualTo(Level.FINE);
    }

    @Test
    void withoutVerboseTheLevelIsLeftAlone() {
        ICEBENCH.setLevel(Level.INFO);

        assertThat(runnerWith(this::quietGreet).execute("greet")).isZero();
        assertThat(levelWhenRun).isEqualTo(Level.INFO);
    }

    @Test
    void aUsageErrorIsTheRunnersOwnException() {
        CommandLine top = runnerWith(this::greet);
        Exception[] thrown = new Exception[1];
        top.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            thrown[0] = e;
            return 2;
        });

        assertThat(top.execute("greet")).isEqualTo(2);
        assertThat(thrown[0]).isInstanceOf(UsageException.class).hasMessage("greet: nobody to greet; pass a name");
    }
}
