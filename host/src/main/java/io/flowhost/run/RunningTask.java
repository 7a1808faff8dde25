package io.flowhost.run;

import io.flowhost.store.StepStatus;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStatus;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/** A task that has started: wait for its end, or cancel it. Thread-safe. */
public final class RunningTask {
    private final String id;
    private final String jobId;
    private final CompletableFuture<TaskRecord> ended;
    private final Consumer<String> canceller;

    RunningTask(String id, String jobId, CompletableFuture<TaskRecord> ended, Consumer<String> canceller) {
        this.id = id;
        this.jobId = jobId;
        this.ended = ended;
        this.canceller = canceller;
    }

    /** @return the task id */
    public String id() {
        return id;
    }

    /** @return the id of the task's job */
    public String jobId() {
        return jobId;
    }

    /**
     * Cancels the task, with the reason "task was cancelled". See {@link #cancel(String)}.
     */
    public void cancel() {
        cancel("task was cancelled");
    }

    /**
     * Cancels the task: no further step starts (steps waiting for a concurrency slot are recorded as
     * {@link StepStatus#SKIPPED}), running actions are cancelled and their threads interrupted (recorded
     * as {@link StepStatus#CANCELLED}; an action has {@code 1s} to stop before its thread is abandoned),
     * and the task ends as {@link TaskStatus#CANCELLED}. Returns at once; {@link #await()} waits for the
     * end. Does nothing once the task has ended or is stopping for another reason.
     *
     * @param reason why, recorded as the task's error, e.g. {@code "cancelled by SIGINT"}
     */
    public void cancel(String reason) {
        canceller.accept(Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Waits for the task to end.
     *
     * @return the ended task
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public TaskRecord await() throws InterruptedException {
        try {
            return ended.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("task " + id + " ended abnormally", e.getCause());
        }
    }
}
