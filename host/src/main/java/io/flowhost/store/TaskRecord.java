package io.flowhost.store;

import io.flowhost.api.Message;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A task: one run of a job, as the store keeps it and reports show it. Immutable: a running task
 * is saved again, as a new record, when it ends.
 *
 * @param id        the task id
 * @param jobId     the job's id
 * @param status    its status
 * @param startedAt when it started
 * @param endedAt   when it ended, or {@code null} while it runs
 * @param steps     its step executions, in the order they started
 * @param logs      its log lines, in the order they were written
 * @param error     why it failed, or {@code null}
 * @param input     the message it started with
 * @param output    the message its top-level sequence ended with, or {@code null} if it did not end
 * @param artifacts what its steps attached, in the order they did
 */
public record TaskRecord(
        String id, String jobId, TaskStatus status, Instant startedAt, Instant endedAt, List<StepRecord> steps,
        List<LogLine> logs, String error, Message input, Message output, List<Artifact> artifacts) {
    /** A task without artifacts. */
    public TaskRecord(String id, String jobId, TaskStatus status, Instant startedAt, Instant endedAt,
            List<StepRecord> steps, List<LogLine> logs, String error, Message input, Message output) {
        this(id, jobId, status, startedAt, endedAt, steps, logs, error, input, output, List.of());
    }

    public TaskRecord {
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        steps = List.copyOf(steps);
        logs = List.copyOf(logs);
        Objects.requireNonNull(input, "input");
    }
}
