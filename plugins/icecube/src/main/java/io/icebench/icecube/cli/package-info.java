/**
 * The data library's commands on the runner's command line ({@code runner generate-data}), contributed through
 * {@link io.icebench.spi.command.CommandProvider} so that the generic runner needs no code of this library's.
 */
package io.icebench.icecube.cli;
