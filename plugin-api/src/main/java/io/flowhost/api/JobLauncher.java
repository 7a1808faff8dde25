package io.flowhost.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Starts other jobs from an action, as {@link ActionContext#jobs()} gives it: what the
 * {@code jobs} plugin builds on. Each start is a new task of the host, with its own report. A chain
 * of jobs that would start a job again that is already running in it (a starts b starts a) is
 * refused before anything runs. Thread-safe.
 */
public interface JobLauncher {

    /**
     * Starts a job.
     *
     * @param job     the job file: relative to the folder of the running job's file, or absolute
     * @param params  the job's parameters by name, typed as JSON; checked against its declared
     *                parameters (defaults filled in, types converted)
     * @param message the new task's first message; its {@code event} is replaced by
     *                {@code {"type": "task", "parentTask": ..., "parentJob": ...}}
     * @param wait    whether to wait for the task to end
     * @return the task: ended, with its status and last message, when {@code wait}; else running
     * @throws IllegalArgumentException naming the file, when it is missing or not a valid job, a
     *                                  parameter is wrong, or starting it would repeat a job of the chain
     * @throws InterruptedException     if the thread is interrupted while it waits (the step is
     *                                  being cancelled); the started task is cancelled too
     */
    JobRun start(String job, ObjectNode params, Message message, boolean wait) throws InterruptedException;

    /**
     * A task started by {@link #start}.
     *
     * @param taskId the task's id
     * @param jobId  its job's id
     * @param status {@code running}, or how it ended: {@code succeeded}, {@code failed},
     *               {@code timed-out}, {@code cancelled}
     * @param error  why it did not succeed, or {@code null}
     * @param output the message its steps ended with, or {@code null} when it is still running or
     *               did not reach its end
     */
    record JobRun(String taskId, String jobId, String status, String error, Message output) {
        /** Checks the fields. */
        public JobRun {
            java.util.Objects.requireNonNull(taskId, "taskId");
            java.util.Objects.requireNonNull(jobId, "jobId");
            java.util.Objects.requireNonNull(status, "status");
        }
    }
}
