/**
 * Subcommands contributed to the runner by libraries on its class path ({@link io.icebench.spi.command.CommandProvider}).
 */
package io.icebench.spi.command;
