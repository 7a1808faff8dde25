package io.flowhost.server;

import io.flowhost.jobs.Job;
import io.flowhost.run.CancelWatch;
import io.flowhost.run.RunRequest;
import io.flowhost.run.Runner;
import io.flowhost.run.RunningTask;
import io.flowhost.run.TaskListener;
import io.flowhost.store.NewTask;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStatus;
import io.flowhost.store.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The server's workers: take queued tasks from the store as workers come free, oldest first, within
 * each job's {@code maxConcurrency} of tasks and the server's limit of tasks at once, and run them.
 * A trigger that fires while every worker is busy is never lost: its task waits in the store's
 * queue, and survives a restart there.
 *
 * <p>One thread claims; each task runs on the runner's own threads. The claim thread wakes when a
 * task is queued here or ends here, and every {@link #POLL} for tasks queued by another process.
 *
 * <p>A task made here while a worker is free, its job has room and the queue was found empty skips
 * the queue: it is recorded as running, owned by this server, and started at once ({@link #startNow}).
 * That saves the claim's round trip through the store (a transaction, a read back) on every task of
 * a server that keeps up; a server that does not keep up queues, and claims oldest first.
 */
final class Workers implements AutoCloseable {
    /** How often the queue is looked at when nothing here says it changed. */
    static final Duration POLL = Duration.ofSeconds(1);

    /** A job for a claimed task: the loaded version, or the older version the task was queued with. */
    interface Jobs {
        /** @throws IllegalArgumentException saying why the task cannot run (its job version no longer loads) */
        Job forTask(NewTask task);

        /** @return how many tasks of each loaded job may run at once: its {@code maxConcurrency} */
        Map<String, Integer> limits();
    }

    private final TaskStore store;
    private final Runner runner;
    private final Jobs jobs;
    private final int limit;
    private final Consumer<TaskRecord> ended;
    private final Consumer<String> log;
    private final Map<String, RunningTask> running = new ConcurrentHashMap<>();
    private final Map<String, String> jobOf = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<TaskRecord>> waiting = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final Thread claimer;
    private final CancelWatch cancels;
    private volatile boolean claiming = true;
    private volatile boolean closed;
    /** Whether the last claim took fewer tasks than it could: the queue was empty then, as far as this server knows. */
    private boolean drained;
    /** Tasks reserved by {@link #reserve} and not yet started. */
    private int reserved;

    Workers(TaskStore store, Runner runner, Jobs jobs, int limit, Consumer<TaskRecord> ended, Consumer<String> log) {
        this.store = store;
        this.runner = runner;
        this.jobs = jobs;
        this.limit = limit;
        this.ended = ended;
        this.log = log;
        this.claimer = Thread.ofPlatform().daemon().name("flowhost-workers").unstarted(this::claim);
        this.cancels = CancelWatch.start(store, running::get);
    }

    void start() {
        claimer.start();
    }

    /** Something was queued: look at the queue now. */
    void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /**
     * Hears the end of a task this server will run. Call it before the task is queued, so that its
     * end cannot come first.
     *
     * @return completes with the ended task
     */
    CompletableFuture<TaskRecord> awaitEnd(String taskId) {
        return waiting.computeIfAbsent(taskId, id -> new CompletableFuture<>());
    }

    /** Forgets a waiter that stopped waiting. */
    void stopWaiting(String taskId) {
        waiting.remove(taskId);
    }

    /** @return whether the task runs here; if so, it is cancelled */
    boolean cancel(String taskId, String reason) {
        RunningTask task = running.get(taskId);
        if (task == null) {
            return false;
        }
        task.cancel(reason);
        return true;
    }

    int runningCount() {
        return running.size();
    }

    int limit() {
        return limit;
    }

    /**
     * Reserves a worker for a task of {@code jobId} made here, if one is free, its job has room, and
     * no older task waits in the queue; then the caller records the task as running and calls
     * {@link #startNow}, or {@link #release} when it could not.
     */
    synchronized boolean reserve(String jobId) {
        if (!claiming || !drained || running.size() + reserved >= limit) {
            return false;
        }
        Integer room = room().get(jobId);
        if (room != null && room - reservedOf(jobId) <= 0) {
            return false;
        }
        reserved++;
        reservedJobs.merge(jobId, 1, Integer::sum);
        return true;
    }

    private final Map<String, Integer> reservedJobs = new HashMap<>();

    private int reservedOf(String jobId) {
        return reservedJobs.getOrDefault(jobId, 0);
    }

    /** Gives back a reservation whose task was not recorded. */
    synchronized void release(String jobId) {
        reserved--;
        reservedJobs.computeIfPresent(jobId, (id, n) -> n == 1 ? null : n - 1);
    }

    /** Starts a reserved task, which the store has as running, owned by this server. */
    void startNow(NewTask task) {
        run(task);
        release(task.jobId());
    }

    /** A task was queued here: the queue is not empty, whatever the last claim found. */
    synchronized void queued() {
        drained = false;
    }

    private void claim() {
        while (!closed) {
            try {
                int free;
                synchronized (this) {
                    free = claiming ? limit - running.size() - reserved : 0;
                }
                if (free > 0) {
                    List<NewTask> claimed = store.claim(free, room());
                    claimed.forEach(this::run);
                    synchronized (this) {
                        drained = claimed.size() < free;
                    }
                    if (claimed.size() == free) {
                        continue; // more may be waiting
                    }
                }
                wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.accept("cannot take tasks from the queue: " + e.getMessage());
                try {
                    Thread.sleep(POLL);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** How many more tasks of each loaded job may start: its limit less those running or reserved here. */
    private synchronized Map<String, Integer> room() {
        Map<String, Integer> room = new HashMap<>(jobs.limits());
        for (String job : jobOf.values()) {
            room.computeIfPresent(job, (id, free) -> free - 1);
        }
        reservedJobs.forEach((job, n) -> room.computeIfPresent(job, (id, free) -> free - n));
        return room;
    }

    private void run(NewTask task) {
        Job job;
        try {
            job = jobs.forTask(task);
        } catch (RuntimeException e) {
            TaskRecord failed = new TaskRecord(task.id(), task.jobId(), TaskStatus.FAILED, Instant.now(), Instant.now(),
                    List.of(), List.of(), "cannot run: " + e.getMessage(), task.input(), null);
            store.ended(failed);
            finished(failed);
            return;
        }
        jobOf.put(task.id(), task.jobId());
        TaskListener listener = new TaskListener() {
            @Override
            public void taskEnded(TaskRecord record) {
                running.remove(record.id());
                jobOf.remove(record.id());
                finished(record);
                wake();
            }
        };
        RunningTask started = runner.start(job, new RunRequest(task.input(), task.params()).withTaskId(task.id()), listener);
        running.put(task.id(), started);
        if (!jobOf.containsKey(task.id())) {
            running.remove(task.id()); // it ended before it was put here
        }
    }

    private void finished(TaskRecord record) {
        CompletableFuture<TaskRecord> waiter = waiting.remove(record.id());
        if (waiter != null) {
            waiter.complete(record);
        }
        try {
            ended.accept(record);
        } catch (RuntimeException e) {
            log.accept("after task " + record.id() + ": " + e.getMessage());
        }
    }

    /** Takes no more tasks from the queue; those running go on. */
    void stopClaiming() {
        claiming = false;
        wake();
    }

    /** @return whether every running task ended within {@code grace} */
    boolean awaitIdle(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return running.isEmpty();
    }

    /** Cancels every running task with {@code reason}. */
    void cancelAll(String reason) {
        running.values().forEach(task -> task.cancel(reason));
    }

    /** @return the ids of the tasks running now */
    List<String> runningIds() {
        return List.copyOf(running.keySet());
    }


    @Override
    public void close() {
        closed = true;
        claimer.interrupt();
        cancels.close();
    }
}
