package io.flowhost.trigger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.jobs.Trigger;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fires file triggers: watches folders for files that appear, change or go, and once a folder's
 * changes have settled, starts one task whose nodes are the changed files.
 *
 * <p>A change counts once the file has stayed the same (size and modification time) for the
 * trigger's {@code debounce} and no event about it came meanwhile: a file being copied in keeps
 * changing, so it is never taken half-written. Changes that settle together go into one task. A
 * file that appears and goes again before it settles counts for nothing. Each change's node carries
 * {@code meta.event}: {@code create}, {@code modify} or {@code delete} (a deleted file's node has no
 * size or time).
 */
final class FolderWatch implements AutoCloseable {
    /** How often settling changes are looked at. */
    static final Duration TICK = Duration.ofMillis(100);

    /** One file trigger of one job. */
    private record Watch(String jobId, Trigger.Files trigger, PathMatcher glob) {}

    /** A file whose change has not settled yet. */
    private static final class Pending {
        final Path path;
        final boolean existedBefore;
        long lastEvent;
        long size = -1;
        long mtime = -1;
        long stableSince;

        Pending(Path path, boolean existedBefore, long now) {
            this.path = path;
            this.existedBefore = existedBefore;
            this.lastEvent = now;
            this.stableSince = now;
        }
    }

    private final Launcher launcher;
    private final Consumer<String> log;
    private final WatchService service;
    private final Map<WatchKey, List<Watch>> byKey = new ConcurrentHashMap<>();
    private final Map<String, List<Watch>> byJob = new ConcurrentHashMap<>();
    /** Per watch, the files whose change is settling, by path; guarded by {@code this}. */
    private final Map<Watch, Map<Path, Pending>> pending = new LinkedHashMap<>();
    private final Thread events;
    private final Thread ticks;
    private volatile boolean closed;

    FolderWatch(Launcher launcher, Consumer<String> log) {
        this.launcher = launcher;
        this.log = log;
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch folders: " + e.getMessage(), e);
        }
        this.events = Thread.ofPlatform().daemon().name("flowhost-folder-events").start(this::readEvents);
        this.ticks = Thread.ofPlatform().daemon().name("flowhost-folder-ticks").start(this::tick);
    }

    /** Watches the job's folders, in place of those it watched. */
    void register(String jobId, List<Trigger.Files> triggers) {
        unregister(jobId);
        List<Watch> watches = new ArrayList<>();
        for (Trigger.Files trigger : triggers) {
            Path folder = trigger.folder();
            if (!Files.isDirectory(folder)) {
                log.accept("job '" + jobId + "': cannot watch " + folder + ": no such folder; the file trigger is off "
                        + "until the job is loaded again");
                continue;
            }
            try {
                WatchKey key = folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                Watch watch = new Watch(jobId, trigger, FileSystems.getDefault().getPathMatcher("glob:" + trigger.glob()));
                byKey.computeIfAbsent(key, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(watch);
                watches.add(watch);
            } catch (IOException e) {
                log.accept("job '" + jobId + "': cannot watch " + folder + ": " + e.getMessage());
            }
        }
        byJob.put(jobId, watches);
    }

    void unregister(String jobId) {
        List<Watch> watches = byJob.remove(jobId);
        if (watches == null) {
            return;
        }
        synchronized (this) {
            watches.forEach(pending::remove);
        }
        byKey.forEach((key, list) -> {
            list.removeAll(watches);
            if (list.isEmpty()) {
                key.cancel();
                byKey.remove(key);
            }
        });
    }

    private void readEvents() {
        while (!closed) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            List<Watch> watches = byKey.getOrDefault(key, List.of());
            long now = System.nanoTime();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    log.accept("too many file events at once in " + key.watchable() + ": some changes were missed");
                    continue;
                }
                Path name = (Path) event.context();
                Path path = ((Path) key.watchable()).resolve(name);
                for (Watch watch : watches) {
                    if (watch.glob().matches(name)) {
                        seen(watch, path, event.kind() != StandardWatchEventKinds.ENTRY_CREATE, now);
                    }
                }
            }
            key.reset();
        }
    }

    private synchronized void seen(Watch watch, Path path, boolean mayHaveExisted, long now) {
        Pending change = pending.computeIfAbsent(watch, w -> new LinkedHashMap<>())
                .computeIfAbsent(path, p -> new Pending(p, mayHaveExisted, now));
        change.lastEvent = now;
    }

    private void tick() {
        while (!closed) {
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
            List<Runnable> fires = new ArrayList<>();
            synchronized (this) {
                long now = System.nanoTime();
                for (Map.Entry<Watch, Map<Path, Pending>> entry : pending.entrySet()) {
                    Runnable fire = settle(entry.getKey(), entry.getValue(), now);
                    if (fire != null) {
                        fires.add(fire);
                    }
                }
                pending.values().removeIf(Map::isEmpty);
            }
            fires.forEach(Runnable::run);
        }
    }

    /**
     * Once the folder has been quiet (no event) for the trigger's debounce, fires the changes whose
     * files have also stayed the same that long; the others wait. Returns what to fire, or {@code null}.
     */
    private Runnable settle(Watch watch, Map<Path, Pending> changes, long now) {
        long debounce = watch.trigger().debounce().toNanos();
        long lastEvent = Long.MIN_VALUE;
        for (Pending change : changes.values()) {
            long[] state = state(change.path);
            if (state[0] != change.size || state[1] != change.mtime) {
                change.size = state[0];
                change.mtime = state[1];
                change.stableSince = now;
            }
            lastEvent = Math.max(lastEvent, change.lastEvent);
        }
        if (now - lastEvent < debounce) {
            return null;
        }
        List<Pending> settled = new ArrayList<>();
        for (var it = changes.values().iterator(); it.hasNext();) {
            Pending change = it.next();
            if (now - change.stableSince >= debounce) {
                settled.add(change);
                it.remove();
            }
        }
        List<Node> nodes = new ArrayList<>();
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Pending change : settled) {
            boolean exists = change.size >= 0;
            Trigger.FileEvent kind = !exists ? Trigger.FileEvent.DELETE
                    : change.existedBefore ? Trigger.FileEvent.MODIFY : Trigger.FileEvent.CREATE;
            if (!exists && !change.existedBefore || !watch.trigger().events().contains(kind)) {
                continue; // came and went before it settled, or a change this trigger does not count
            }
            String event = kind.name().toLowerCase(java.util.Locale.ROOT);
            ObjectNode meta = JsonNodeFactory.instance.objectNode().put("event", event);
            String path = change.path.toString();
            nodes.add(new Node(path, Objects.requireNonNull(change.path.getFileName()).toString(),
                    exists ? change.size : null, exists ? java.time.Instant.ofEpochMilli(change.mtime) : null, meta));
            list.addObject().put("path", path).put("event", event);
        }
        if (nodes.isEmpty()) {
            return null;
        }
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "file")
                .put("folder", watch.trigger().folder().toString());
        event.set("changes", list);
        Message input = Message.empty().withEvent(event).withNodes(nodes);
        return () -> {
            try {
                launcher.launch(watch.jobId(), watch.trigger(), input);
            } catch (RuntimeException e) {
                log.accept("job '" + watch.jobId() + "': file trigger on " + watch.trigger().folder()
                        + " could not start a task: " + e.getMessage());
            }
        };
    }

    /** @return {size, mtime millis} of a regular file, {-1, -1} when it is not there */
    private static long[] state(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new long[] {attributes.size(), attributes.lastModifiedTime().toMillis()};
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            // closing anyway
        }
        events.interrupt();
        ticks.interrupt();
        try {
            events.join(TimeUnit.SECONDS.toMillis(1));
            ticks.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
