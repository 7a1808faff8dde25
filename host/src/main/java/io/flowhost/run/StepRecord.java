package io.flowhost.run;

import io.flowhost.api.Message;
import io.flowhost.api.Output;
import java.time.Instant;
import java.util.Objects;

/**
 * One step execution in a task's log.
 *
 * @param path      the step's path, e.g. {@code each[3]/upload}
 * @param action    the action id, or {@code null} for a filter, fan-out or branches step
 * @param status    how it ended
 * @param input     the message it received
 * @param output    the output-chain entry it appended, or {@code null}
 * @param error     why it failed, or {@code null}
 * @param startedAt when it started
 * @param endedAt   when it ended
 */
public record StepRecord(
        String path, String action, StepStatus status, Message input, Output output, String error,
        Instant startedAt, Instant endedAt) {
    public StepRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
