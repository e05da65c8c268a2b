package io.icebench.icecube.cli;

import io.icebench.spi.command.CommandContext;
import io.icebench.spi.command.CommandProvider;

/** Contributes {@code generate-data} to the runner's command line (listed in META-INF/services). */
public final class GenerateDataProvider implements CommandProvider {

    @Override
    public Object command(CommandContext context) {
        return new GenerateDataCommand(context);
    }
}
