package io.flowhost.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.jobs.InvalidJobException;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.JobLoader;
import io.flowhost.jobs.JobParameters;
import io.flowhost.plugins.ActionCatalog;
import io.flowhost.script.Expressions;
import io.flowhost.script.helpers.Secrets;
import io.flowhost.store.LogLine;
import io.flowhost.store.TaskIds;
import io.flowhost.store.TaskJournal;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final Path artifactsDir;
    private final AtomicBoolean staleScratchRemoved = new AtomicBoolean();
    private final Map<String, RunningTask> tasks = new LinkedHashMap<>();

    /**
     * @param actions     where step actions are found
     * @param expressions evaluates templates, filters and {@code forEach} expressions
     * @param journal     where tasks are recorded ({@link TaskJournal#NONE} for nowhere)
     */
    public Runner(ActionCatalog actions, Expressions expressions, TaskJournal journal) {
        this(actions, expressions, journal, Path.of(System.getProperty("java.io.tmpdir"), "flowhost-artifacts"));
    }

    /**
     * @param artifactsDir where the files that steps attach are copied, in a folder per task
     *                     (the host configuration's {@code dataDir}/artifacts)
     */
    public Runner(ActionCatalog actions, Expressions expressions, TaskJournal journal, Path artifactsDir) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.expressions = Objects.requireNonNull(expressions, "expressions");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.artifactsDir = Objects.requireNonNull(artifactsDir, "artifactsDir");
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
        List<String> chain = new ArrayList<>(request.chain());
        chain.add(job.id());
        Recording recording = new Recording(journal, id, listener);
        Execution execution = new Execution(job, id, startedAt, request.params(), actions, expressions, recording, scratch,
                request.stopBefore(), new ChildJobs(this, job, id, chain), artifactsDir.resolve(id));
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
                    abort == null ? null : Secrets.current().mask(abort.reason()), request.input(), output,
                    execution.artifacts());
            try {
                journal.ended(record);
            } catch (RuntimeException e) {
                // the task ran: its end is reported even when it cannot be recorded (the store says why in its log)
                listener.log(new LogLine(Instant.now(), LogLine.Level.WARN, "",
                        "the task's end could not be recorded: " + e.getMessage()));
            }
            listener.taskEnded(record);
            ended.complete(record);
            synchronized (tasks) {
                tasks.remove(id);
                tasks.notifyAll();
            }
        });
        RunningTask task = new RunningTask(id, job.id(), ended, reason -> execution.abort(TaskStatus.CANCELLED, reason));
        synchronized (tasks) {
            tasks.put(id, task);
        }
        thread.start();
        return task;
    }

    /**
     * Starts a job from a step of another task (the {@code jobs} plugin, through {@link ChildJobs}).
     *
     * @param file   the job file
     * @param params its parameters, typed
     * @param input  its first message
     * @param chain  the jobs of the tasks that lead to this start, outermost first, the starting one last
     * @return the running task
     * @throws IllegalArgumentException when the file is not a valid job, a parameter is wrong, or the
     *                                  job is already in the chain
     */
    RunningTask startChild(Path file, ObjectNode params, Message input, List<String> chain) {
        Job job;
        try {
            job = JobLoader.load(file, actions, expressions);
        } catch (InvalidJobException e) {
            throw new IllegalArgumentException(file + " is not a valid job: " + e.problems().get(0)
                    + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more problems)" : ""));
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        if (chain.contains(job.id())) {
            throw new IllegalArgumentException("job '" + job.id() + "' would start itself again: "
                    + String.join(" -> ", chain) + " -> " + job.id());
        }
        ObjectNode values = JobParameters.resolveJson(job, params);
        return start(job, new RunRequest(input, values, null, chain, null), TaskListener.NONE);
    }

    /**
     * Waits until no task of this runner is running: those started by jobs and not waited for included.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitIdle() throws InterruptedException {
        synchronized (tasks) {
            while (!tasks.isEmpty()) {
                tasks.wait();
            }
        }
    }

    /** Cancels every running task of this runner. */
    public void cancelAll(String reason) {
        List<RunningTask> list;
        synchronized (tasks) {
            list = List.copyOf(tasks.values());
        }
        list.forEach(task -> task.cancel(reason));
    }
}
