package io.flowhost.run;

import io.flowhost.api.Message;
import io.flowhost.store.LogLine;
import io.flowhost.store.StepRecord;
import io.flowhost.store.TaskRecord;

/**
 * Hears what a running task does, for progress displays. Called from the task's threads, possibly
 * several at once: implementations must be thread-safe and quick. Every method does nothing by default.
 */
public interface TaskListener {

    /** A listener that ignores everything. */
    TaskListener NONE = new TaskListener() {};

    /** @param task the task as it starts */
    default void taskStarted(TaskRecord task) {}

    /**
     * A step's code starts: after any wait for a concurrency slot.
     *
     * @param path   the step's path
     * @param action the action id, or {@code null}
     */
    default void stepStarted(String path, String action) {}

    /**
     * The task stops before the step its request named ({@link RunRequest#stopBefore()}).
     *
     * @param path  the step's path
     * @param input the message the step would have received
     */
    default void stoppedBefore(String path, Message input) {}

    /**
     * A step's action threw, or its code failed with an exception behind the reason: called before
     * {@link #stepEnded}, for displays that show stack traces ({@code --verbose}).
     *
     * @param path  the step's path
     * @param cause what was thrown
     */
    default void stepFailed(String path, Throwable cause) {}

    /**
     * A fan-out starts running its {@code do} sequence for each of its elements.
     *
     * @param path  the fan-out step's path
     * @param items how many elements it has
     */
    default void fanOutStarted(String path, int items) {}

    /**
     * One element of a fan-out has run its sequence, to its end or not: called once per element that
     * started, before the fan-out step {@linkplain #stepEnded ends}.
     *
     * @param path  the fan-out step's path
     * @param index the element's index
     */
    default void fanOutItemEnded(String path, int index) {}

    /** @param step the step execution that just ended */
    default void stepEnded(StepRecord step) {}

    /** @param line a line just written to the task log */
    default void log(LogLine line) {}

    /**
     * @param path     the step's path
     * @param fraction between 0 and 1
     * @param note     a short text
     */
    default void progress(String path, double fraction, String note) {}

    /** @param task the task as it ended */
    default void taskEnded(TaskRecord task) {}
}
