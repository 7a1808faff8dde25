package io.flowhost.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A task that has started: wait for its end, or cancel it. Thread-safe. */
public final class RunningTask {
    private final String id;
    private final CompletableFuture<TaskRecord> ended;
    private final Runnable canceller;

    RunningTask(String id, CompletableFuture<TaskRecord> ended, Runnable canceller) {
        this.id = id;
        this.ended = ended;
        this.canceller = canceller;
    }

    /** @return the task id */
    public String id() {
        return id;
    }

    /**
     * Cancels the task: no further step starts, running actions are told to stop, and the task ends
     * as {@link TaskStatus#CANCELLED}. Does nothing once the task has ended.
     */
    public void cancel() {
        canceller.run();
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
