package io.flowhost.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps tasks, their step records and logs, and the queue of tasks waiting to run, so that they
 * survive the process. Opened on a {@link StoreLocation}; the process that opens it is the
 * <em>owner</em> of the tasks it records or claims, and at every opening the store marks
 * {@link TaskStatus#INTERRUPTED} the running tasks of owners on this machine that have died
 * (a {@code kill -9}, a crash). Thread-safe.
 *
 * <p>Writes that make or move a task ({@link #enqueue}, {@link #record}, {@link #claim},
 * {@link #cancel}, {@link TaskJournal#ended}) are committed when they return; a task's step records
 * and log lines are written by a background writer, in order, in batches, and {@link #flush()} waits
 * for them.
 */
public interface TaskStore extends TaskJournal, AutoCloseable {

    /**
     * Opens a store, creating or migrating its schema as needed.
     *
     * @throws StoreException naming the location and the reason when it cannot be opened
     */
    static TaskStore open(StoreLocation location) {
        return JdbcTaskStore.open(location);
    }

    /** @return where this store is, for people */
    String describe();

    // ---- making tasks

    /**
     * Puts a task in the queue: it runs when a server has a worker free for it, now or after a restart.
     *
     * @throws StoreException if it cannot be written: then it is not queued
     */
    void enqueue(NewTask task);

    /**
     * Records a task that this process runs at once ({@code flowhost run}, {@code rerun}), as running.
     *
     * @throws StoreException if it cannot be written
     */
    void record(NewTask task);

    /**
     * Takes queued tasks, oldest first, for this process to run: each is marked running and owned
     * by this process in one transaction, so that no other process (another server on the same
     * PostgreSQL) takes it too. A task whose job has no room is left for later.
     *
     * @param max  at most this many
     * @param room how many more tasks of each job may start now, by job id; a job that is absent has no limit
     * @return the claimed tasks, as they were queued
     */
    List<NewTask> claim(int max, Map<String, Integer> room);

    // ---- stopping tasks

    /**
     * Asks a task to stop: a queued one is cancelled at once, a running one is cancelled by the
     * process that runs it (which polls {@link #cancelRequests()}).
     *
     * @param reason recorded as the task's error, e.g. {@code cancelled by flowhost cancel}
     */
    CancelOutcome cancel(String taskId, String reason);

    /** @return the running tasks of this process that were asked to stop, with the reason */
    Map<String, String> cancelRequests();

    /** @return the tasks this store marked {@link TaskStatus#INTERRUPTED} when it opened: their process had died */
    Set<String> interruptedAtOpen();

    /**
     * Marks this process's running tasks {@link TaskStatus#INTERRUPTED}: for a process that stops
     * before they end (a server whose grace period ran out records them as cancelled instead).
     *
     * @return the ids of the tasks it marked
     */
    Set<String> interruptOwnTasks(String reason);

    /**
     * Deletes the ended tasks that {@code retention} does not keep, for each job on its own.
     *
     * @return how many tasks were deleted
     */
    int applyRetention(Retention retention);

    // ---- reading

    /** @return a page of tasks, newest first */
    TaskQuery.Page list(TaskQuery query);

    /** @return the task's summary, if the store has it */
    Optional<TaskSummary> summary(String taskId);

    /** @return the whole task: steps with snapshots, log, messages; if the store has it */
    Optional<StoredTask> find(String taskId);

    /**
     * @param afterSeq only events after this one (0 for all)
     * @return the task's events after {@code afterSeq}, in order
     */
    List<TaskEvent> events(String taskId, long afterSeq);

    // ---- settings: hashed tokens, schedule state

    /** @return the value of a setting, if set */
    Optional<String> setting(String name);

    /** @return every setting whose name starts with {@code prefix}, by name */
    Map<String, String> settings(String prefix);

    /** Sets a setting (committed when it returns). */
    void setting(String name, String value);

    /** Waits until everything written so far is committed. */
    void flush();

    /** Writes what is pending and closes the database. */
    @Override
    void close();
}
