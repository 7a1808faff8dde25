package io.flowhost.cli;

/**
 * A {@code flowhost} subcommand contributed by another module (the playground's {@code eval},
 * {@code docs} and {@code playground}): a picocli {@code @Command} class that implements this
 * interface and is listed in {@code META-INF/services/io.flowhost.cli.Subcommand}. The CLI adds
 * every one it finds on the class path.
 */
public interface Subcommand {}
