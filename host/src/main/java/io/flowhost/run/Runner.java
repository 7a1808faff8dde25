package io.flowhost.run;

import io.flowhost.api.Message;
import io.flowhost.jobs.Job;
import io.flowhost.plugins.ActionCatalog;
import io.flowhost.script.Expressions;
import io.flowhost.store.LogLine;
import io.flowhost.store.TaskIds;
import io.flowhost.store.TaskJournal;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs jobs: each run is a task, written to its {@link TaskJournal} as it goes: its start, each
 * step as it ends, each log line, and its end (the listener hears of the end once it is written).
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
    private final ActionCatalog actions;
    private final Expressions expressions;
    private final TaskJournal journal;
    private final AtomicBoolean staleScratchRemoved = new AtomicBoolean();

    /**
     * @param actions     where step actions are found
     * @param expressions evaluates templates, filters and {@code forEach} expressions
     * @param journal     where tasks are recorded ({@link TaskJournal#NONE} for nowhere)
     */
    public Runner(ActionCatalog actions, Expressions expressions, TaskJournal journal) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.expressions = Objects.requireNonNull(expressions, "expressions");
        this.journal = Objects.requireNonNull(journal, "journal");
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
     * @param request  its input message and resolved parameters, and its task id when the task is in
     *                 the store already (queued, or recorded by the caller)
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
        String id = request.taskId() != null ? request.taskId() : TaskIds.next(startedAt);
        Path scratch = Scratch.forTask(id);
        Recording recording = new Recording(journal, id, listener);
        Execution execution = new Execution(job, id, startedAt, request.params(), actions, expressions, recording, scratch,
                request.stopBefore());
        TaskRecord running = new TaskRecord(id, job.id(), TaskStatus.RUNNING, startedAt, null, List.of(), List.of(), null,
                request.input(), null);
        journal.started(running);
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
            try {
                journal.ended(record);
            } catch (RuntimeException e) {
                // the task ran: its end is reported even when it cannot be recorded (the store says why in its log)
                listener.log(new LogLine(Instant.now(), LogLine.Level.WARN, "",
                        "the task's end could not be recorded: " + e.getMessage()));
            }
            listener.taskEnded(record);
            ended.complete(record);
        });
        RunningTask task = new RunningTask(id, ended, reason -> execution.abort(TaskStatus.CANCELLED, reason));
        thread.start();
        return task;
    }
}
