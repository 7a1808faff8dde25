package io.flowhost.store;

import java.util.List;
import java.util.Objects;

/**
 * Which tasks to list, newest first, a page at a time.
 *
 * @param jobId  only this job's tasks, or {@code null} for all
 * @param status only tasks in this status, or {@code null} for all
 * @param limit  at most this many (1 to {@value #MAX_LIMIT})
 * @param cursor where the page starts: the {@link Page#next()} of the page before, or {@code null} for the newest
 */
public record TaskQuery(String jobId, TaskStatus status, int limit, String cursor) {
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    public TaskQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** @return the newest {@code limit} tasks of every job */
    public static TaskQuery newest(int limit) {
        return new TaskQuery(null, null, limit, null);
    }

    /** @return this query, for one job's tasks only */
    public TaskQuery ofJob(String jobId) {
        return new TaskQuery(jobId, status, limit, cursor);
    }

    /** @return this query, for tasks in one status only */
    public TaskQuery inStatus(TaskStatus status) {
        return new TaskQuery(jobId, status, limit, cursor);
    }

    /** @return this query, from where {@code cursor} says */
    public TaskQuery after(String cursor) {
        return new TaskQuery(jobId, status, limit, cursor);
    }

    /**
     * A page of tasks.
     *
     * @param tasks the tasks, newest first
     * @param next  the cursor of the next (older) page, or {@code null} when this is the last
     */
    public record Page(List<TaskSummary> tasks, String next) {
        public Page {
            tasks = List.copyOf(Objects.requireNonNull(tasks, "tasks"));
        }
    }
}
