package io.flowhost.store;

/**
 * Where a running task's record is written as it goes: its start, each step as it ends, each log
 * line, and its end. A task's events are numbered from 1 in the order the runner reports them, so
 * that its log reads back as it was printed. Thread-safe; {@link #ended} waits until the record is
 * written, the others may return sooner (they are written in order, before a later {@code ended}).
 */
public interface TaskJournal {

    /** A journal that keeps nothing, for runs nobody records (tests, benchmarks). */
    TaskJournal NONE = new TaskJournal() {
        @Override
        public void started(TaskRecord running) {}

        @Override
        public void stepEnded(String taskId, long seq, StepRecord step) {}

        @Override
        public void logged(String taskId, long seq, LogLine line) {}

        @Override
        public void ended(TaskRecord task) {}
    };

    /** @param running the task as it starts running; the store has it already (queued, or recorded) */
    void started(TaskRecord running);

    /**
     * @param taskId its task
     * @param seq    its place among the task's events
     * @param step   the step execution that ended
     */
    void stepEnded(String taskId, long seq, StepRecord step);

    /**
     * @param taskId its task
     * @param seq    its place among the task's events
     * @param line   the line
     */
    void logged(String taskId, long seq, LogLine line);

    /**
     * The task has ended: its status, end time, error and output message. Returns once that is written.
     *
     * @param task the ended task
     * @throws StoreException if it cannot be written
     */
    void ended(TaskRecord task);
}
