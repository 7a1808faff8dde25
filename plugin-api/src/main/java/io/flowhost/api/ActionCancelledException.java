package io.flowhost.api;

/**
 * Thrown by {@link ActionContext#checkCancelled()} when the host has cancelled the step, because it
 * or its job timed out or the task was cancelled. An action lets it propagate.
 */
public final class ActionCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param stepPath the path of the cancelled step */
    public ActionCancelledException(String stepPath) {
        super("Step '" + stepPath + "' was cancelled");
    }
}
