package io.flowhost.store;

import java.util.List;
import java.util.Optional;

/** Keeps tasks and their logs. Thread-safe. */
public interface TaskStore {

    /**
     * Saves a task, replacing any earlier record with the same id.
     *
     * @param task the task
     */
    void save(TaskRecord task);

    /**
     * @param id a task id
     * @return the task, if the store has it
     */
    Optional<TaskRecord> find(String id);

    /** @return every task, newest first */
    List<TaskRecord> list();
}
