package io.flowhost.api;

import java.nio.file.Path;

/**
 * Everything one step execution gives its action. Created by the host for one call of
 * {@link Action#run(ActionContext)} and valid only during it. Thread-safe.
 */
public interface ActionContext {

    /** @return the step's parameters, evaluated and checked against the action's descriptor */
    Parameters params();

    /** @return the message the step received */
    Message message();

    /** @return the task log, stamped with this step's path */
    TaskLog log();

    /**
     * @return whether the host has cancelled this step (timeout or task cancelled); once true it
     *     stays true
     */
    boolean isCancelled();

    /**
     * Returns at once unless the step is cancelled.
     *
     * @throws ActionCancelledException if the step is cancelled
     */
    void checkCancelled();

    /**
     * Reports progress for a long action, shown by the host's progress display.
     *
     * @param fraction between 0 and 1
     * @param note     a short text, e.g. {@code "12 of 40 files"}
     */
    void progress(double fraction, String note);

    /**
     * A directory that only this step execution uses; the host deletes it when the task ends.
     * Created on first call.
     *
     * @throws java.io.UncheckedIOException if the directory cannot be created
     *
     * @return the directory
     */
    Path scratchDir();

    /** @return the step's path in the job, e.g. {@code each[3]/upload} */
    String stepPath();

    /** @return the running task's id */
    String taskId();

    /** @return the job's id */
    String jobId();

    /**
     * The host configuration's section for this action's plugin: file roots, allow lists, servers
     * and the like, decided by the host's operator rather than by jobs. Empty when the host
     * configuration has none (the plugin's defaults apply). See {@link HostSettings}.
     *
     * @return the settings, never {@code null}
     */
    default HostSettings settings() {
        return HostSettings.empty();
    }

    /**
     * Starts other jobs, as new tasks of the host.
     *
     * @return the host's launcher for this step
     * @throws UnsupportedOperationException when the host runs the action outside a task (a test
     *                                       context without jobs)
     */
    default JobLauncher jobs() {
        throw new UnsupportedOperationException("this context cannot start jobs");
    }

    /**
     * Attaches a JSON value to the task: it is kept in the task's report, under {@code artifacts},
     * with its name and this step's path.
     *
     * @param name a name unique within the task, a file name (no {@code /})
     * @param json the value; copied
     * @throws IllegalArgumentException if the name is not a file name, or the task has an artifact of that name
     * @throws UnsupportedOperationException when the context keeps no artifacts
     */
    default void attach(String name, com.fasterxml.jackson.databind.JsonNode json) {
        throw new UnsupportedOperationException("this context keeps no artifacts");
    }

    /**
     * Attaches a copy of a file to the task: the host copies it at once into the task's artifacts
     * folder (so it outlives this step's scratch folder), and the report lists the copy.
     *
     * @param name a name unique within the task, a file name (no {@code /}); the copy's file name
     * @param file a readable file; the action checks that a job may name it ({@link FileRoots})
     * @throws IllegalArgumentException if the name is not a file name, or the task has an artifact of that name
     * @throws java.io.IOException      if the file cannot be copied
     * @throws UnsupportedOperationException when the context keeps no artifacts
     */
    default void attach(String name, java.nio.file.Path file) throws java.io.IOException {
        throw new UnsupportedOperationException("this context keeps no artifacts");
    }
}
