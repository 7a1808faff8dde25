package io.flowhost.server;

import io.flowhost.jobs.InvalidJobException;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.JobLoader;
import io.flowhost.jobs.Problem;
import io.flowhost.jobs.Trigger;
import io.flowhost.plugins.ActionCatalog;
import io.flowhost.script.Expressions;
import io.flowhost.store.JobVersion;
import io.flowhost.trigger.Triggers;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The jobs folder: every {@code *.json} in it loaded and checked, and loaded again when its file
 * changes. An edit that does not load (invalid, a job id another file has, a webhook slug another job
 * has, a task trigger that makes a loop) is reported in one line and the version before it keeps
 * running. A file that goes unloads its job. Thread-safe.
 */
final class JobFolder implements AutoCloseable {
    /** How long a file must be quiet before it is read: an editor's save is several writes. */
    static final Duration SETTLE = Duration.ofMillis(300);

    /**
     * A loaded job.
     *
     * @param job      the job
     * @param version  its exact text, as tasks record it
     * @param file     its file
     * @param loadedAt when this version was loaded
     */
    record Loaded(Job job, JobVersion version, Path file, Instant loadedAt) {}

    /**
     * A file whose last edit did not load.
     *
     * @param file     the file
     * @param problems what is wrong, one line each
     * @param at       when it was read
     */
    record Broken(Path file, List<String> problems, Instant at) {}

    /** Hears what the folder loads and unloads. */
    interface Listener {
        void loaded(Job job);

        void unloaded(String jobId);
    }

    private final Path dir;
    private final ActionCatalog catalog;
    private final Expressions expressions;
    private final Listener listener;
    private final Consumer<String> log;
    private final Map<Path, Loaded> byFile = new LinkedHashMap<>();
    private final Map<String, Loaded> byId = new ConcurrentHashMap<>();
    private final Map<Path, Broken> broken = new ConcurrentHashMap<>();
    private final Map<Path, Long> changed = new LinkedHashMap<>();
    private WatchService watcher;
    private Thread watching;
    private volatile boolean closed;

    JobFolder(Path dir, ActionCatalog catalog, Expressions expressions, Listener listener, Consumer<String> log) {
        this.dir = dir.toAbsolutePath().normalize();
        this.catalog = catalog;
        this.expressions = expressions;
        this.listener = listener;
        this.log = log;
    }

    Path dir() {
        return dir;
    }

    /** Loads every job file, then watches the folder. */
    void start() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no jobs folder " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(JobFolder::isJobFile).sorted().forEach(this::load);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the jobs folder " + dir + ": " + e.getMessage(), e);
        }
        try {
            watcher = FileSystems.getDefault().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            log.accept("cannot watch the jobs folder " + dir + " (" + e.getMessage() + "): edits are not loaded until a restart");
            return;
        }
        watching = Thread.ofPlatform().daemon().name("flowhost-jobs-folder").start(this::watch);
    }

    private static boolean isJobFile(Path file) {
        return file.getFileName().toString().endsWith(".json") && !file.getFileName().toString().startsWith(".");
    }

    /** @return the loaded job of that id */
    Optional<Loaded> job(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** @return every loaded job, by id */
    Collection<Loaded> all() {
        return List.copyOf(byId.values());
    }

    /** @return the files whose last edit did not load */
    Collection<Broken> broken() {
        return List.copyOf(broken.values());
    }

    /** @return the loaded job whose text has that hash, if the folder has that version now */
    Optional<Job> version(String hash) {
        return byId.values().stream().filter(loaded -> loaded.version().hash().equals(hash)).map(Loaded::job).findFirst();
    }

    /** Reads a file and loads its job, unless it is unchanged, broken, or clashes with another job. */
    synchronized void load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            remove(file);
            return;
        } catch (IOException e) {
            refuse(file, List.of(file + ": cannot read: " + e.getMessage()));
            return;
        }
        Loaded before = byFile.get(file);
        JobVersion version = JobVersion.of(text, file.toString());
        if (before != null && before.version().hash().equals(version.hash())) {
            broken.remove(file);
            return;
        }
        Job job;
        try {
            job = JobLoader.load(file, text, catalog, expressions);
        } catch (InvalidJobException e) {
            refuse(file, e.problems().stream().map(Problem::toString).toList());
            return;
        }
        Loaded other = byId.get(job.id());
        if (other != null && !other.file().equals(file)) {
            refuse(file, List.of(file + ": job id '" + job.id() + "' is the id of " + other.file() + " already"));
            return;
        }
        Optional<String> clash = slugClash(job);
        if (clash.isPresent()) {
            refuse(file, List.of(file + ": " + clash.get()));
            return;
        }
        List<Job> wouldBe = new ArrayList<>(byId.values().stream().map(Loaded::job)
                .filter(j -> !j.id().equals(job.id()) && (before == null || !j.id().equals(before.job().id()))).toList());
        wouldBe.add(job);
        Optional<List<String>> loop = Triggers.loop(wouldBe, job.id());
        if (loop.isPresent()) {
            refuse(file, List.of(file + ": its task triggers make a loop, each task starting the next: "
                    + String.join(" → ", loop.get())));
            return;
        }
        if (before != null && !before.job().id().equals(job.id())) {
            byId.remove(before.job().id());
            listener.unloaded(before.job().id());
        }
        Loaded loaded = new Loaded(job, version, file, Instant.now());
        byFile.put(file, loaded);
        byId.put(job.id(), loaded);
        broken.remove(file);
        listener.loaded(job);
        log.accept((before == null ? "loaded" : "reloaded") + " job '" + job.id() + "' from " + dir.relativize(file)
                + describe(job.triggers()));
    }

    private Optional<String> slugClash(Job job) {
        for (Trigger trigger : job.triggers()) {
            if (trigger instanceof Trigger.Webhook hook) {
                for (Loaded other : byId.values()) {
                    if (other.job().id().equals(job.id())) {
                        continue;
                    }
                    for (Trigger theirs : other.job().triggers()) {
                        if (theirs instanceof Trigger.Webhook taken && taken.slug().equals(hook.slug())) {
                            return Optional.of("webhook '" + hook.slug() + "' is job '" + other.job().id() + "''s already");
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(List<Trigger> triggers) {
        if (triggers.isEmpty()) {
            return " (no triggers: it runs when asked)";
        }
        List<String> kinds = triggers.stream().map(t -> switch (t) {
            case Trigger.Schedule s -> "schedule " + s.expression();
            case Trigger.Webhook w -> "webhook /hooks/" + w.slug();
            case Trigger.Files f -> "file " + f.folder() + "/" + f.glob();
            case Trigger.TaskEnded e -> "after job " + e.job() + " " + String.join("|", e.statuses());
        }).toList();
        return " (" + String.join(", ", kinds) + ")";
    }

    /** Reports, in one line, why a file did not load; the version before it, if any, keeps running. */
    private void refuse(Path file, List<String> problems) {
        broken.put(file, new Broken(file, problems, Instant.now()));
        Loaded before = byFile.get(file);
        String first = problems.get(0);
        log.accept(first + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more: flowhost validate " + file
                + " lists them)" : "") + (before == null ? "; not loaded"
                        : "; not loaded: job '" + before.job().id() + "' keeps running its previous version"));
    }

    private synchronized void remove(Path file) {
        broken.remove(file);
        Loaded gone = byFile.remove(file);
        if (gone != null && byId.get(gone.job().id()) == gone) {
            byId.remove(gone.job().id());
            listener.unloaded(gone.job().id());
            log.accept("unloaded job '" + gone.job().id() + "': " + dir.relativize(file) + " is gone");
        }
    }

    private void watch() {
        while (!closed) {
            WatchKey key;
            try {
                key = watcher.poll(SETTLE.toMillis() / 3, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            long now = System.nanoTime();
            if (key != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name && isJobFile(name)) {
                        synchronized (changed) {
                            changed.put(dir.resolve(name), now);
                        }
                    }
                }
                key.reset();
            }
            List<Path> settled = new ArrayList<>();
            synchronized (changed) {
                changed.entrySet().removeIf(entry -> {
                    if (now - entry.getValue() >= SETTLE.toNanos()) {
                        settled.add(entry.getKey());
                        return true;
                    }
                    return false;
                });
            }
            for (Path file : settled) {
                try {
                    load(file);
                } catch (RuntimeException e) {
                    log.accept(file + ": not loaded: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (watching != null) {
            watching.interrupt();
        }
    }
}
