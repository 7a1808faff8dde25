/** The {@code flowhost} command line: picocli commands over the host's parts. Internal. */
package io.flowhost.cli;
