package io.flowhost.run;

/** A step that cannot run or fails for a reason the author can read: its message is the reason. */
final class StepError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepError(String reason) {
        super(reason);
    }

    StepError(String reason, Throwable cause) {
        super(reason, cause);
    }
}
