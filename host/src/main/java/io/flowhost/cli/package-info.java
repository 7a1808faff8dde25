/** The {@code flowhost} command line: picocli commands over the host's parts. Only {@link io.flowhost.cli.Subcommand}, {@link io.flowhost.cli.Inputs}, {@link io.flowhost.cli.UserError}, {@link io.flowhost.cli.Suggestions}, {@link io.flowhost.cli.JobFiles}, {@link io.flowhost.cli.HostOptions} and {@link io.flowhost.cli.Flowhost} are for other modules. */
package io.flowhost.cli;
