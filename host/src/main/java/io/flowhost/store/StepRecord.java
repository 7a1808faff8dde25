package io.flowhost.store;

import io.flowhost.api.Message;
import io.flowhost.api.Output;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step execution in a task's log.
 *
 * @param path      the step's path, e.g. {@code each[3]/upload}
 * @param action    the action id, or {@code null} for a filter, fan-out or branches step
 * @param status    how it ended
 * @param input     the message it received (for a skipped step, the one it would have received)
 * @param output    the output-chain entry it appended, or {@code null}
 * @param error     why it failed, was stopped or did not start, or {@code null}
 * @param queuedAt  when the runner reached it; it may then wait for a concurrency slot
 * @param startedAt when its code started, or {@code null} if it never did ({@link StepStatus#SKIPPED})
 * @param endedAt   when it ended, or was given up without starting
 */
public record StepRecord(
        String path, String action, StepStatus status, Message input, Output output, String error,
        Instant queuedAt, Instant startedAt, Instant endedAt) {
    public StepRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        if (startedAt == null && status != StepStatus.SKIPPED) {
            throw new IllegalArgumentException("a " + status.jsonName() + " step has a start time");
        }
    }

    /** @return how long it ran, from its start to its end; empty for a step that never started */
    public Optional<Duration> duration() {
        return Optional.ofNullable(startedAt).map(started -> Duration.between(started, endedAt));
    }
}
