package io.flowhost.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a task's log shows, in the order it happened: a step that ended, or a log line. The order is
 * the order in which the runner reported them, the order of {@code flowhost run}'s progress lines.
 */
public sealed interface TaskEvent {

    /** @return the event's place in its task, from 1 */
    long seq();

    /**
     * A step that ended, without its message snapshots.
     *
     * @param seq       its place in the task's events
     * @param path      the step's path
     * @param action    its action id, or {@code null}
     * @param status    how it ended
     * @param queuedAt  when the runner reached it
     * @param startedAt when its code started, or {@code null} if it never did
     * @param endedAt   when it ended
     * @param error     why it failed or stopped, or {@code null}
     */
    record Step(long seq, String path, String action, StepStatus status, Instant queuedAt, Instant startedAt,
            Instant endedAt, String error) implements TaskEvent {
        public Step {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(status, "status");
        }

        /** @return how long it ran; empty for a step that never started */
        public Optional<Duration> duration() {
            return Optional.ofNullable(startedAt).map(started -> Duration.between(started, endedAt));
        }
    }

    /**
     * A log line.
     *
     * @param seq  its place in the task's events
     * @param line the line (its text cut to the store's limit)
     */
    record Log(long seq, LogLine line) implements TaskEvent {
        public Log {
            Objects.requireNonNull(line, "line");
        }
    }
}
