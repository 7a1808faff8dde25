package io.flowhost.run;

import io.flowhost.api.Message;
import io.flowhost.store.LogLine;
import io.flowhost.store.StepRecord;
import io.flowhost.store.TaskJournal;
import io.flowhost.store.TaskRecord;
import java.util.Objects;

/**
 * Writes a task's steps and log lines to its journal, numbered in the order they happen, before
 * passing them on to the task's listener: the stored log reads back in the order a person watching
 * the run saw it. Numbering and writing happen under one lock, so the journal receives them in order.
 */
final class Recording implements TaskListener {
    private final TaskJournal journal;
    private final String taskId;
    private final TaskListener listener;
    private long seq;

    Recording(TaskJournal journal, String taskId, TaskListener listener) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.taskId = Objects.requireNonNull(taskId, "taskId");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void taskStarted(TaskRecord task) {
        listener.taskStarted(task);
    }

    @Override
    public void stepStarted(String path, String action) {
        listener.stepStarted(path, action);
    }

    @Override
    public void stoppedBefore(String path, Message input) {
        listener.stoppedBefore(path, input);
    }

    @Override
    public void stepFailed(String path, Throwable cause) {
        listener.stepFailed(path, cause);
    }

    @Override
    public void fanOutStarted(String path, int items) {
        listener.fanOutStarted(path, items);
    }

    @Override
    public void fanOutItemEnded(String path, int index) {
        listener.fanOutItemEnded(path, index);
    }

    @Override
    public void stepEnded(StepRecord step) {
        synchronized (this) {
            journal.stepEnded(taskId, ++seq, step);
        }
        listener.stepEnded(step);
    }

    @Override
    public void log(LogLine line) {
        synchronized (this) {
            journal.logged(taskId, ++seq, line);
        }
        listener.log(line);
    }

    @Override
    public void progress(String path, double fraction, String note) {
        listener.progress(path, fraction, note);
    }

    @Override
    public void taskEnded(TaskRecord task) {
        listener.taskEnded(task);
    }
}
