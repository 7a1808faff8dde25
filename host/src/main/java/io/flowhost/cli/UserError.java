package io.flowhost.cli;

/** A mistake in the command's input (a file, a value) that the user can fix: printed as one line. */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    UserError(String message) {
        this(message, Flowhost.CANNOT_START);
    }

    UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
