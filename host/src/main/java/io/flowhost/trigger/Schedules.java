package io.flowhost.trigger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.jobs.Trigger;
import io.flowhost.store.TaskStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fires schedule triggers on time. Each schedule's last firing is kept in the store
 * ({@code schedule.JOB.HASH}, the hash of its expression and zone), so that firings missed while
 * the server was down are known at the next start: {@code misfire: "skip"} forgets them,
 * {@code "runOnce"} runs one task at start for all of them ({@code event.missed} says how many).
 */
final class Schedules implements AutoCloseable {
    /** Missed firings are counted up to this many. */
    static final int COUNT_MISSED_UP_TO = 10_000;

    private final Launcher launcher;
    private final TaskStore store;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer;
    private final Map<String, List<ScheduledFuture<?>>> byJob = new ConcurrentHashMap<>();

    Schedules(Launcher launcher, TaskStore store, Consumer<String> log) {
        this.launcher = launcher;
        this.store = store;
        this.log = log;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "flowhost-schedules");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** Schedules the job's schedule triggers, in place of those it had. */
    synchronized void register(String jobId, List<Trigger.Schedule> schedules) {
        unregister(jobId);
        List<ScheduledFuture<?>> futures = new ArrayList<>();
        byJob.put(jobId, futures);
        for (Trigger.Schedule schedule : schedules) {
            String key = key(jobId, schedule);
            Instant now = Instant.now();
            Optional<Instant> last = store.setting(key).flatMap(Schedules::instant);
            if (last.isEmpty()) {
                store.setting(key, now.toString()); // from now on, a firing missed while the server is down is known
            } else if (schedule.misfire() == Trigger.Misfire.RUN_ONCE) {
                int missed = missed(schedule, last.get(), now);
                if (missed > 0) {
                    log.accept("job '" + jobId + "': schedule " + schedule.expression() + " missed " + missed
                            + (missed >= COUNT_MISSED_UP_TO ? "+" : "") + " firing" + (missed == 1 ? "" : "s")
                            + " while the server was down: running once now (misfire: runOnce)");
                    fire(jobId, schedule, key, now, missed);
                }
            }
            next(jobId, schedule, key, now, futures);
        }
    }

    synchronized void unregister(String jobId) {
        List<ScheduledFuture<?>> futures = byJob.remove(jobId);
        if (futures != null) {
            futures.forEach(future -> future.cancel(false));
        }
    }

    private static int missed(Trigger.Schedule schedule, Instant last, Instant now) {
        int missed = 0;
        ZonedDateTime at = last.atZone(schedule.zone());
        while (missed < COUNT_MISSED_UP_TO) {
            Optional<ZonedDateTime> next = schedule.recurrence().next(at);
            if (next.isEmpty() || !next.get().toInstant().isBefore(now)) {
                break;
            }
            missed++;
            at = next.get();
        }
        return missed;
    }

    private void next(String jobId, Trigger.Schedule schedule, String key, Instant after, List<ScheduledFuture<?>> futures) {
        Optional<ZonedDateTime> next = schedule.recurrence().next(after.atZone(schedule.zone()));
        if (next.isEmpty()) {
            return; // a repeating interval that has run its count
        }
        Instant at = next.get().toInstant();
        long delay = Math.max(0, at.toEpochMilli() - System.currentTimeMillis());
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = timer.schedule(() -> {
            synchronized (this) {
                if (byJob.get(jobId) != futures) {
                    return; // the job was reloaded or unloaded meanwhile
                }
                futures.remove(self[0]);
                futures.removeIf(java.util.concurrent.Future::isDone);
            }
            fire(jobId, schedule, key, at, 0);
            synchronized (this) {
                if (byJob.get(jobId) == futures) {
                    next(jobId, schedule, key, at, futures);
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
        futures.add(self[0]);
    }

    private void fire(String jobId, Trigger.Schedule schedule, String key, Instant at, int missed) {
        ObjectNode event = JsonNodeFactory.instance.objectNode()
                .put("type", "schedule")
                .put("schedule", schedule.expression())
                .put("timeZone", schedule.zone().getId())
                .put("scheduledFor", at.toString());
        if (missed > 0) {
            event.put("missed", missed);
        }
        try {
            launcher.launch(jobId, schedule, Message.empty().withEvent(event));
            store.setting(key, at.toString());
        } catch (RuntimeException e) {
            log.accept("job '" + jobId + "': schedule " + schedule.expression() + " could not start a task: " + e.getMessage());
        }
    }

    /** The store's name for a schedule's last firing: its job, and a hash of its expression and zone. */
    static String key(String jobId, Trigger.Schedule schedule) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((schedule.expression() + "\n" + schedule.zone().getId())
                    .getBytes(StandardCharsets.UTF_8));
            return "schedule." + jobId + "." + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        byJob.keySet().forEach(this::unregisterQuietly);
        timer.shutdownNow();
    }

    private void unregisterQuietly(String jobId) {
        List<ScheduledFuture<?>> futures = byJob.get(jobId);
        if (futures != null) {
            futures.forEach(future -> future.cancel(false));
        }
    }
}
