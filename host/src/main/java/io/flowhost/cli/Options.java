package io.flowhost.cli;

import picocli.CommandLine.ParseResult;

/** Reads options across the command and its subcommands. */
final class Options {
    private Options() {}

    static boolean verbose(ParseResult result) {
        for (ParseResult current = result; current != null; current = current.subcommand()) {
            if (current.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
