package io.flowhost.store;

import java.util.Locale;

/** How one step execution ended. */
public enum StepStatus {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    /** It was running when the task stopped (a failure elsewhere, a job timeout, a cancellation). */
    CANCELLED,
    /** {@code bypass} was set: the action did not run and the message went on unchanged. */
    BYPASSED,
    /** The filter rejected everything: the rest of the sequence did not run. */
    FILTERED,
    /** It was waiting to run (for a concurrency slot) when the task stopped, and never started. */
    SKIPPED;

    /** @return the name used in reports and the CLI, e.g. {@code timed-out} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
