package io.flowhost.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns failures into one clear line on stderr (a stack trace too with {@code --verbose}) and an exit code. */
final class Errors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = Options.verbose(parseResult);
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
        err.println("flowhost: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        return Flowhost.CANNOT_START;
    }
}
