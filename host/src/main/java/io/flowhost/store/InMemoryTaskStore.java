package io.flowhost.store;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A task store that forgets everything when the host stops. */
public final class InMemoryTaskStore implements TaskStore {
    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();

    @Override
    public void save(TaskRecord task) {
        tasks.put(task.id(), task);
    }

    @Override
    public Optional<TaskRecord> find(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public List<TaskRecord> list() {
        return tasks.values().stream().sorted(Comparator.comparing(TaskRecord::startedAt).reversed()).toList();
    }
}
