package io.flowhost.run;

import io.flowhost.api.Message;
import io.flowhost.jobs.Job;
import io.flowhost.plugins.ActionCatalog;
import io.flowhost.script.Expressions;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStatus;
import io.flowhost.store.TaskStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs jobs: each run is a task, saved in the task store when it starts and again when it ends.
 * Thread-safe; one runner serves any number of tasks at once.
 *
 * <p>Semantics (Pydio Cells Flows, as sequences): each step receives the message the step before
 * it produced and appends its output entry; a {@code filter} sends what it rejects to the step's
 * {@code else} sequence and lets what passes go on (when nothing passes the sequence ends there);
 * {@code forEach} and {@code parallel} run sequences at once, at most {@code maxConcurrency}
 * actions of a task at a time, and {@linkplain Merge merge} their messages; {@code bypass} skips a
 * step's action; {@code breakAfter} ends the sequence after the step; a failed step fails the task
 * unless it says {@code onError: continue}; step and job timeouts cancel the action.
 *
 * <p>A task that fails, times out or is cancelled stops all its work at once: see {@link RunningTask#cancel()}.
 * Each task has a scratch folder; a runner's first task removes those left by processes that were
 * killed before their tasks could remove them.
 */
public final class Runner {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ActionCatalog actions;
    private final Expressions expressions;
    private final TaskStore store;
    private final AtomicBoolean staleScratchRemoved = new AtomicBoolean();

    /**
     * @param actions     where step actions are found
     * @param expressions evaluates templates, filters and {@code forEach} expressions
     * @param store       where tasks are saved
     */
    public Runner(ActionCatalog actions, Expressions expressions, TaskStore store) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.expressions = Objects.requireNonNull(expressions, "expressions");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Runs a job to its end.
     *
     * @param job      a valid job
     * @param request  its input message and resolved parameters
     * @param listener hears progress
     * @return the ended task
     * @throws InterruptedException if the calling thread is interrupted (the task is cancelled)
     */
    public TaskRecord run(Job job, RunRequest request, TaskListener listener) throws InterruptedException {
        RunningTask task = start(job, request, listener);
        try {
            return task.await();
        } catch (InterruptedException e) {
            task.cancel();
            throw e;
        }
    }

    /**
     * Starts a job and returns at once.
     *
     * @param job      a valid job
     * @param request  its input message and resolved parameters
     * @param listener hears progress
     * @return the running task
     */
    public RunningTask start(Job job, RunRequest request, TaskListener listener) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        if (staleScratchRemoved.compareAndSet(false, true)) {
            Scratch.removeStale();
        }
        Instant startedAt = Instant.now();
        String id = newTaskId(startedAt);
        Path scratch = Scratch.forTask(id);
        Execution execution = new Execution(job, id, startedAt, request.params(), actions, expressions, listener, scratch,
                request.stopBefore());
        TaskRecord running = new TaskRecord(id, job.id(), TaskStatus.RUNNING, startedAt, null, java.util.List.of(),
                java.util.List.of(), null, request.input(), null);
        store.save(running);
        listener.taskStarted(running);

        CompletableFuture<TaskRecord> ended = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("flowhost-task-" + id).unstarted(() -> {
            Message output = null;
            try {
                output = execution.run(request.input());
            } catch (Execution.TaskFailed e) {
                // the reason is in execution.aborted()
            } catch (RuntimeException | Error e) {
                execution.abort(TaskStatus.FAILED, "internal error: " + e);
            }
            Execution.Abort abort = execution.aborted();
            TaskRecord record = new TaskRecord(id, job.id(), abort == null ? TaskStatus.SUCCEEDED : abort.status(),
                    startedAt, Instant.now(), execution.steps(), execution.logs(),
                    abort == null ? null : abort.reason(), request.input(), output);
            store.save(record);
            listener.taskEnded(record);
            ended.complete(record);
        });
        RunningTask task = new RunningTask(id, ended, reason -> execution.abort(TaskStatus.CANCELLED, reason));
        thread.start();
        return task;
    }

    private static String newTaskId(Instant at) {
        return ID_TIME.format(at) + "-" + Integer.toHexString(0x100000 | ThreadLocalRandom.current().nextInt(0x100000))
                .substring(1);
    }
}
