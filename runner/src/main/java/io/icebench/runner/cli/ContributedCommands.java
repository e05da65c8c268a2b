package io.icebench.runner.cli;

import io.icebench.runner.UsageException;
import io.icebench.runner.progress.Progresses;
import io.icebench.spi.Progress;
import io.icebench.spi.command.CommandContext;
import io.icebench.spi.command.CommandProvider;
import picocli.CommandLine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Adds the subcommands that libraries on the runner's class path contribute ({@link CommandProvider}, found by
 * {@link ServiceLoader}), such as the data library's {@code generate-data}, so that the runner's own code imports
 * none of them. Each gets the options every command takes ({@link CommonOptions}), applied before it runs, and a
 * {@link CommandContext} whose usage errors are the runner's own {@link UsageException}: one line, exit 2.
 *
 * <p>Only the runner's class path is searched, never the plugin folder: commands are part of the installation.
 */
final class ContributedCommands {

    private static final String COMMON = "common";

    private ContributedCommands() {
    }

    /**
     * Adds every contributed command to {@code top}, and has {@code top} apply a contributed command's common options
     * before running it. Call it before configuring {@code top}: picocli hands its settings (enum case, colours) only
     * to the subcommands it has at that moment.
     */
    static CommandLine addTo(CommandLine top) {
        return addTo(top, ServiceLoader.load(CommandProvider.class, CommandProvider.class.getClassLoader()));
    }

    /** As {@link #addTo(CommandLine)}, with the given providers. */
    static CommandLine addTo(CommandLine top, Iterable<CommandProvider> providers) {
        Map<CommandLine.Model.CommandSpec, CommonOptions> contributed =
                Collections.synchronizedMap(new IdentityHashMap<>());
        for (CommandProvider provider : providers) {
            CommonOptions common = new CommonOptions();
            CommandLine command = new CommandLine(provider.command(new RunnerContext()), top.getFactory())
                    .addMixin(COMMON, common);
            top.addSubcommand(command);
            contributed.put(command.getCommandSpec(), common);
        }
        CommandLine.IExecutionStrategy strategy = top.getExecutionStrategy();
        top.setExecutionStrategy(parseResult -> {
            CommandLine.ParseResult last = parseResult;
            while (last.hasSubcommand()) {
                last = last.subcommand();
            }
            CommonOptions common = contributed.get(last.commandSpec());
            if (common != null) {
                common.applyLogLevel();
            }
            return strategy.execute(parseResult);
        });
        return top;
    }

    /** The runner's progress display and usage errors, lent to a contributed command. */
    private static final class RunnerContext implements CommandContext {

        @Override
        public Progress progress(String task, long total) {
            return Progresses.start(task, total);
        }

        @Override
        public RuntimeException usageError(String message) {
            return new UsageException(message);
        }
    }
}
