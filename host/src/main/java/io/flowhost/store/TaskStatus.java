package io.flowhost.store;

import java.util.Locale;

/** Where a task is in its life. */
public enum TaskStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    TIMED_OUT,
    /** The host stopped while the task was running. */
    INTERRUPTED;

    /** @return the name used in reports and the CLI, e.g. {@code timed-out} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return whether the task has ended */
    public boolean ended() {
        return this != QUEUED && this != RUNNING;
    }

    /**
     * @param jsonName a name as {@link #jsonName()} gives it
     * @return the status of that name
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static TaskStatus of(String jsonName) {
        for (TaskStatus status : values()) {
            if (status.jsonName().equals(jsonName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status '" + jsonName + "'; known: "
                + java.util.Arrays.stream(values()).map(TaskStatus::jsonName).toList());
    }
}
