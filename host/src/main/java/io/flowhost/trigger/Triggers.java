package io.flowhost.trigger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.Trigger;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every loaded job's triggers, live: schedules on their timer, folders watched, webhooks by slug,
 * and the jobs that start when another job's task ends. {@link #register} replaces a job's triggers
 * (a reload), {@link #unregister} removes them. Thread-safe.
 */
public final class Triggers implements AutoCloseable {
    /**
     * A webhook: the job it starts and its trigger.
     *
     * @param jobId   the job
     * @param trigger the trigger (its {@code params} apply)
     */
    public record Hook(String jobId, Trigger.Webhook trigger) {}

    private final Launcher launcher;
    private final Schedules schedules;
    private final FolderWatch folders;
    private final Map<String, Hook> hooks = new ConcurrentHashMap<>();
    private final Map<String, List<Trigger.TaskEnded>> chains = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    private Triggers(Launcher launcher, TaskStore store, Consumer<String> log) {
        this.launcher = launcher;
        this.schedules = new Schedules(launcher, store, log);
        this.folders = new FolderWatch(launcher, log);
    }

    /**
     * @param launcher where what fires goes
     * @param store    where schedules keep their last firing
     * @param log      one line for each problem (a folder that cannot be watched, a missed schedule)
     */
    public static Triggers start(Launcher launcher, TaskStore store, Consumer<String> log) {
        return new Triggers(Objects.requireNonNull(launcher, "launcher"), Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(log, "log"));
    }

    /** Puts the job's triggers in place of those it had; schedules missed while the server was down fire now if they say so. */
    public synchronized void register(Job job) {
        if (stopped) {
            return;
        }
        unregister(job.id());
        List<Trigger.Schedule> scheduled = new ArrayList<>();
        List<Trigger.Files> watched = new ArrayList<>();
        List<Trigger.TaskEnded> chained = new ArrayList<>();
        for (Trigger trigger : job.triggers()) {
            switch (trigger) {
                case Trigger.Schedule schedule -> scheduled.add(schedule);
                case Trigger.Webhook hook -> hooks.put(hook.slug(), new Hook(job.id(), hook));
                case Trigger.Files files -> watched.add(files);
                case Trigger.TaskEnded ended -> chained.add(ended);
            }
        }
        chains.put(job.id(), List.copyOf(chained));
        folders.register(job.id(), watched);
        schedules.register(job.id(), scheduled);
    }

    /** Removes the job's triggers. */
    public synchronized void unregister(String jobId) {
        schedules.unregister(jobId);
        folders.unregister(jobId);
        hooks.values().removeIf(hook -> hook.jobId().equals(jobId));
        chains.remove(jobId);
    }

    /** @return the webhook of that slug, if a loaded job has it */
    public Optional<Hook> hook(String slug) {
        return stopped ? Optional.empty() : Optional.ofNullable(hooks.get(slug));
    }

    /** @return every webhook's slug, by job */
    public Map<String, List<String>> hookSlugs() {
        Map<String, List<String>> slugs = new LinkedHashMap<>();
        hooks.values().forEach(hook -> slugs.computeIfAbsent(hook.jobId(), id -> new ArrayList<>()).add(hook.trigger().slug()));
        return slugs;
    }

    /**
     * A task of this server ended: starts the jobs whose task trigger waits for it. Their first
     * message is the ended task's last message (its nodes, items, variables and outputs), with an
     * event {@code {"type": "task", "job", "task", "status"}}.
     */
    public void taskEnded(TaskRecord task) {
        if (stopped) {
            return;
        }
        for (Map.Entry<String, List<Trigger.TaskEnded>> entry : chains.entrySet()) {
            for (Trigger.TaskEnded trigger : entry.getValue()) {
                if (trigger.job().equals(task.jobId()) && trigger.statuses().contains(task.status().jsonName())) {
                    ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "task").put("job", task.jobId())
                            .put("task", task.id()).put("status", task.status().jsonName());
                    Message from = task.output() != null ? task.output() : task.input();
                    launcher.launch(entry.getKey(), trigger, from.withEvent(event));
                }
            }
        }
    }

    /** Stops every schedule and watch; webhooks and task triggers fire no more. */
    public synchronized void stop() {
        stopped = true;
        schedules.close();
        folders.close();
        hooks.clear();
        chains.clear();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Finds a loop in the jobs' task triggers through one job: its task's end starts, through task
     * triggers, a task of itself again.
     *
     * @param jobs    the jobs as they would be
     * @param through the job the loop must go through (the one being loaded)
     * @return the loop as job ids in the order the tasks would start each other, from {@code through}
     *         to {@code through} again ({@code [a, b, a]}), if there is one
     */
    public static Optional<List<String>> loop(Collection<Job> jobs, String through) {
        Map<String, Set<String>> startsAfter = new LinkedHashMap<>(); // job -> the jobs whose end starts it
        for (Job job : jobs) {
            Set<String> upstream = new LinkedHashSet<>();
            for (Trigger trigger : job.triggers()) {
                if (trigger instanceof Trigger.TaskEnded ended) {
                    upstream.add(ended.job());
                }
            }
            startsAfter.put(job.id(), upstream);
        }
        return walk(through, through, startsAfter, new ArrayList<>(List.of(through)), new LinkedHashSet<>());
    }

    private static Optional<List<String>> walk(String start, String at, Map<String, Set<String>> startsAfter,
            List<String> path, Set<String> seen) {
        for (String upstream : startsAfter.getOrDefault(at, Set.of())) {
            if (upstream.equals(start)) {
                List<String> loop = new ArrayList<>(path);
                loop.add(start);
                java.util.Collections.reverse(loop); // in the order tasks would start each other
                return Optional.of(loop);
            }
            if (seen.add(upstream)) {
                path.add(upstream);
                Optional<List<String>> found = walk(start, upstream, startsAfter, path, seen);
                if (found.isPresent()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return Optional.empty();
    }
}
