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
 * @param input     the message it received (for a skipped step, the one it would have received), or
 *                  {@code null} where the task did not keep it: a fan-out keeps the inputs of its first
 *                  {@value #KEPT_ITEMS} items' steps and of every step that failed, timed out or was
 *                  cancelled, and refers to the others by path; a fan-out of 100,000 items would otherwise
 *                  keep 100,000 messages
 * @param output    the output-chain entry it appended, or {@code null}
 * @param error     why it failed, was stopped or did not start, or {@code null}
 * @param queuedAt  when the runner reached it; it may then wait for a concurrency slot
 * @param startedAt when its code started, or {@code null} if it never did ({@link StepStatus#SKIPPED})
 * @param endedAt   when it ended, or was given up without starting
 */
public record StepRecord(
        String path, String action, StepStatus status, Message input, Output output, String error,
        Instant queuedAt, Instant startedAt, Instant endedAt) {
    /** How many items of each fan-out have their steps' inputs kept (indexes 0 to 99). */
    public static final int KEPT_ITEMS = 100;

    public StepRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        if (startedAt == null && status != StepStatus.SKIPPED) {
            throw new IllegalArgumentException("a " + status.jsonName() + " step has a start time");
        }
    }

    /**
     * @return whether a step at {@code path} with this status keeps its input: it failed, timed out or
     *     was cancelled, or each fan-out index in its path ({@code each[7]/work}) is below {@value #KEPT_ITEMS}
     */
    public static boolean keepsInput(String path, StepStatus status) {
        if (status.endedBadly()) {
            return true;
        }
        int open = path.indexOf('[');
        while (open >= 0) {
            int close = path.indexOf(']', open);
            if (close < 0 || close - open - 1 > 2) {
                return close < 0; // three digits or more: an index of 100 or over
            }
            open = path.indexOf('[', close);
        }
        return true;
    }

    /** @return how long it ran, from its start to its end; empty for a step that never started */
    public Optional<Duration> duration() {
        return Optional.ofNullable(startedAt).map(started -> Duration.between(started, endedAt));
    }
}
