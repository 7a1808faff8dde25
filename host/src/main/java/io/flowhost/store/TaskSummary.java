package io.flowhost.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as lists show it.
 *
 * @param id        the task id
 * @param jobId     the job's id
 * @param status    where it is in its life
 * @param trigger   what made it ({@code manual}, {@code schedule}, {@code webhook}, {@code file}, {@code task})
 * @param queuedAt  when it was made
 * @param startedAt when it started, or {@code null} if it has not (or never did)
 * @param endedAt   when it ended, or {@code null} while it waits or runs
 * @param error     why it failed, was cancelled or interrupted, or {@code null}
 * @param rerunOf   the task it ran again, or {@code null}
 * @param jobHash   the version of the job it runs ({@link JobVersion#hash()})
 */
public record TaskSummary(String id, String jobId, TaskStatus status, String trigger, Instant queuedAt,
        Instant startedAt, Instant endedAt, String error, String rerunOf, String jobHash) {
    public TaskSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(queuedAt, "queuedAt");
    }

    /** @return how long it ran, from its start to its end; empty until it ends, or if it never started */
    public Optional<Duration> duration() {
        return startedAt == null || endedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, endedAt));
    }
}
