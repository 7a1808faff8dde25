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

    /**
     * @return whether the step started and did not end well: {@link #FAILED}, {@link #TIMED_OUT} or
     *     {@link #CANCELLED}, the steps a person looking into a run wants to see
     */
    public boolean endedBadly() {
        return this == FAILED || this == TIMED_OUT || this == CANCELLED;
    }

    /** @return the name used in reports and the CLI, e.g. {@code timed-out} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param jsonName a name as {@link #jsonName()} gives it
     * @return the status of that name
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static StepStatus of(String jsonName) {
        for (StepStatus status : values()) {
            if (status.jsonName().equals(jsonName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status '" + jsonName + "'; known: "
                + java.util.Arrays.stream(values()).map(StepStatus::jsonName).toList());
    }
}
