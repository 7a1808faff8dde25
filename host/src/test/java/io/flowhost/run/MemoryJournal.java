package io.flowhost.run;

import io.flowhost.store.LogLine;
import io.flowhost.store.StepRecord;
import io.flowhost.store.TaskJournal;
import io.flowhost.store.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A journal that keeps what it is told in memory, in the order it was told. */
final class MemoryJournal implements TaskJournal {
    /** What the journal was told, as one line: {@code started}, {@code 3 step each[0]/x}, {@code 4 log hello}, {@code ended}. */
    final List<String> events = new ArrayList<>();
    private final Map<String, TaskRecord> ended = new ConcurrentHashMap<>();

    @Override
    public synchronized void started(TaskRecord running) {
        events.add("started");
    }

    @Override
    public synchronized void stepEnded(String taskId, long seq, StepRecord step) {
        events.add(seq + " step " + step.path());
    }

    @Override
    public synchronized void logged(String taskId, long seq, LogLine line) {
        events.add(seq + " log " + line.text());
    }

    @Override
    public synchronized void ended(TaskRecord task) {
        events.add("ended");
        ended.put(task.id(), task);
    }

    TaskRecord ended(String taskId) {
        return ended.get(taskId);
    }
}
