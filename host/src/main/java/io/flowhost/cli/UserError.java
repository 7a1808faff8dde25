package io.flowhost.cli;

/** A mistake in the command's input (a file, a value) that the user can fix: printed as one line. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** @param message one line for the user */
    public UserError(String message) {
        this(message, Flowhost.CANNOT_START);
    }

    /**
     * @param message  one line for the user
     * @param exitCode the exit code of the command
     */
    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
