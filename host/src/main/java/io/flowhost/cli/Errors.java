package io.flowhost.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Turns failures into one clear line on stderr (a stack trace too with {@code --verbose}) and an exit code. */
final class Errors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = Flowhost.verbose(commandLine.getCommandSpec());
        if (e instanceof UserError user) {
            err.println("flowhost: " + user.getMessage());
            if (verbose) {
                user.printStackTrace(err);
            }
            return user.exitCode();
        }
        err.println("flowhost: internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        return Flowhost.INTERNAL_ERROR;
    }

    static int usage(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String unknown = unknownSubcommand(e);
        if (unknown != null) {
            String parent = commandLine.getCommandSpec().qualifiedName().replaceFirst("^flowhost ?", "");
            String prefix = parent.isEmpty() ? "" : parent + " ";
            var names = commandLine.getSubcommands().keySet().stream().map(name -> prefix + name).toList();
            String suggestion = Suggestions.didYouMean(prefix + unknown, names);
            err.println("flowhost: unknown command '" + prefix + unknown + "'"
                    + (suggestion.isEmpty() ? "; commands: " + String.join(", ", names) : suggestion));
        } else {
            err.println("flowhost: " + e.getMessage());
            if (CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
                return Flowhost.CANNOT_START;
            }
        }
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        return Flowhost.CANNOT_START;
    }

    /** The first word of an unmatched argument list, when the command takes only subcommands there. */
    private static String unknownSubcommand(ParameterException e) {
        CommandLine commandLine = e.getCommandLine();
        if (!(e instanceof UnmatchedArgumentException unmatched) || commandLine.getSubcommands().isEmpty()
                || !commandLine.getCommandSpec().positionalParameters().isEmpty()) {
            return null;
        }
        List<String> words = unmatched.getUnmatched();
        return words.isEmpty() || words.get(0).startsWith("-") ? null : words.get(0);
    }
}
