package io.flowhost.store;

/** What asking a task to stop did. */
public enum CancelOutcome {
    /** It was waiting in the queue: it is cancelled and will not run. */
    CANCELLED,
    /** It is running: the process that runs it was asked to cancel it, and will within a second. */
    REQUESTED,
    /** It had ended already: nothing changed. */
    ALREADY_ENDED,
    /** The store has no such task. */
    NOT_FOUND
}
