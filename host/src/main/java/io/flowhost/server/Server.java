package io.flowhost.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Durations;
import io.flowhost.api.Message;
import io.flowhost.jobs.InvalidJobException;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.JobLoader;
import io.flowhost.jobs.JobParameters;
import io.flowhost.jobs.Trigger;
import io.flowhost.plugins.PluginCatalog;
import io.flowhost.run.Runner;
import io.flowhost.script.JsExpressions;
import io.flowhost.store.NewTask;
import io.flowhost.store.Retention;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStore;
import io.flowhost.trigger.Launcher;
import io.flowhost.trigger.Triggers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code flowhost serve}: loads the jobs folder and keeps it loaded, fires the jobs' triggers, runs
 * queued tasks on its workers, and answers the REST API and webhooks. Built with {@link #builder},
 * started by {@link Builder#start()}, stopped by {@link #stop()}.
 *
 * <p>Starting: the script engine is initialised first (a server takes no work before: see
 * docs/security.md, "Stack exhaustion"); tasks that a killed process left running are marked
 * interrupted; the API token is made on the first start and shown once.
 *
 * <p>Stopping: triggers and the HTTP side stop at once; running tasks have the grace period to
 * finish, then are cancelled, which their records say. Queued tasks stay queued for the next start.
 */
public final class Server implements AutoCloseable {
    /** How often retention is applied, beside at start. */
    static final Duration RETENTION_EVERY = Duration.ofMinutes(10);
    /** How long cancelled tasks have to end before the server stops without them. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    final Builder settings;
    final PluginCatalog catalog;
    final JsExpressions expressions;
    final TaskStore store;
    final Tokens tokens;
    final Consumer<String> log;
    final JobFolder jobs;
    final Triggers triggers;
    final Workers workers;
    final Evaluations evaluations;
    private final Map<String, Job> olderVersions = new LinkedHashMap<>(16, 0.75f, true);
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flowhost-retention");
        thread.setDaemon(true);
        return thread;
    });
    private Http http;
    private boolean stopped;

    /**
     * @param catalog     the actions jobs may use
     * @param expressions the script engine
     * @param store       the task store, which the caller opened and closes
     * @return a builder whose settings start as {@code flowhost serve}'s defaults
     */
    public static Builder builder(PluginCatalog catalog, JsExpressions expressions, TaskStore store) {
        return new Builder(catalog, expressions, store);
    }

    /** What a server is started with; every setting has the default of {@code flowhost serve}. */
    public static final class Builder {
        private final PluginCatalog catalog;
        private final JsExpressions expressions;
        private final TaskStore store;
        Path jobsDir = Path.of("scripts", "jobs");
        Path artifactsDir = Path.of(System.getProperty("java.io.tmpdir"), "flowhost-artifacts");
        String bind = "127.0.0.1";
        int port = 8080;
        int workers = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        Duration grace = Duration.ofSeconds(30);
        Retention retention = new Retention(1000, Duration.ofDays(30));
        long maxBodyBytes = 1024 * 1024;
        boolean resetToken;
        Consumer<String> log = line -> {};

        private Builder(PluginCatalog catalog, JsExpressions expressions, TaskStore store) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            this.expressions = Objects.requireNonNull(expressions, "expressions");
            this.store = Objects.requireNonNull(store, "store");
        }

        /** @param dir where the files tasks attach are kept, in a folder per task (default: a temporary folder) */
        public Builder artifacts(Path dir) {
            this.artifactsDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** @param dir the jobs folder (default {@code scripts/jobs}) */
        public Builder jobs(Path dir) {
            this.jobsDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** @param address the address to listen on (default {@code 127.0.0.1}) */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** @param port the port (default 8080; 0 for any free port) */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** @param count how many tasks run at once (default twice the processors, at least 4) */
        public Builder workers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("workers must be at least 1, not " + count);
            }
            this.workers = count;
            return this;
        }

        /** @param grace how long running tasks have to finish when the server stops (default 30s) */
        public Builder grace(Duration grace) {
            this.grace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /** @param retention which ended tasks are kept (default: each job's last 1000, and 30 days) */
        public Builder retention(Retention retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /** @param bytes the largest request body (default 1 MiB) */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the body limit must be positive: " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** @param reset whether to make a new API token in place of the kept one */
        public Builder resetToken(boolean reset) {
            this.resetToken = reset;
            return this;
        }

        /** @param log where the server's lines go (each is one line, without a time) */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Starts the server: returns once it listens.
         *
         * @throws IllegalArgumentException for a jobs folder that is not one
         */
        public Server start() {
            return new Server(this).begin();
        }
    }

    private Server(Builder settings) {
        this.settings = settings;
        this.catalog = settings.catalog;
        this.expressions = settings.expressions;
        this.store = settings.store;
        this.log = settings.log;
        this.tokens = new Tokens(store);
        this.triggers = Triggers.start(launcher(), store, log);
        this.workers = new Workers(store, new Runner(catalog, expressions, store, settings.artifactsDir), new VersionedJobs(), settings.workers,
                this::taskEnded, log);
        this.jobs = new JobFolder(settings.jobsDir, catalog, expressions, new JobFolder.Listener() {
            @Override
            public void loaded(Job job) {
                showNewHookTokens(job);
                triggers.register(job);
            }

            @Override
            public void unloaded(String jobId) {
                triggers.unregister(jobId);
            }
        }, log);
        this.evaluations = new Evaluations(expressions);
    }

    private Server begin() {
        if (!JsExpressions.preinitialized().isDone()) {
            log.accept("preparing the script engine before taking work (a few seconds)...");
            JsExpressions.preinitialized().join();
        }
        Set<String> interrupted = store.interruptedAtOpen();
        if (!interrupted.isEmpty()) {
            log.accept(interrupted.size() + " task" + (interrupted.size() == 1 ? " was" : "s were")
                    + " running when a Flowhost process stopped without ending them: marked interrupted ("
                    + String.join(", ", interrupted) + "); 'flowhost rerun TASK' runs one again");
        }
        tokens.ensureApiToken(settings.resetToken).ifPresent(token -> log.accept("API token (shown once, kept only "
                + "hashed; 'flowhost serve --reset-token' makes a new one): " + token));
        jobs.start();
        http = Http.start(settings.bind, settings.port, settings.maxBodyBytes, tokens::apiToken, routes -> {
            new Api(this).routes(routes);
            new Hooks(this).routes(routes);
        }, log);
        workers.start();
        housekeeping.scheduleWithFixedDelay(this::applyRetention, 0, RETENTION_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        log.accept("listening on http://" + settings.bind + ":" + http.port() + " (script engine ready; " + jobs.all().size()
                + " job" + (jobs.all().size() == 1 ? "" : "s") + " from " + jobs.dir() + "; " + settings.workers + " workers)");
        return this;
    }

    /** @return the port the server listens on */
    public int port() {
        return http.port();
    }

    private void showNewHookTokens(Job job) {
        for (Trigger trigger : job.triggers()) {
            if (trigger instanceof Trigger.Webhook hook) {
                tokens.ensureHookToken(hook.slug()).ifPresent(token -> log.accept("webhook POST /hooks/" + hook.slug()
                        + " of job '" + job.id() + "': token (shown once; POST /api/hooks/" + hook.slug()
                        + "/token makes a new one): " + token));
            }
        }
    }

    private Launcher launcher() {
        return (jobId, trigger, input) -> {
            JobFolder.Loaded loaded = jobs.job(jobId).orElse(null);
            if (loaded == null) {
                return; // unloaded as it fired
            }
            ObjectNode params;
            try {
                params = JobParameters.resolveJson(loaded.job(), trigger.params());
            } catch (IllegalArgumentException e) {
                log.accept("job '" + jobId + "': its " + trigger.type() + " trigger cannot start a task: " + e.getMessage());
                return;
            }
            enqueue(task(loaded, params, input));
        };
    }

    /** A new task of a loaded job. */
    NewTask task(JobFolder.Loaded loaded, ObjectNode params, Message input) {
        return NewTask.of(loaded.job().id(), loaded.version(), params, input);
    }

    /**
     * Takes a task made here: starts it at once when a worker is free (recorded as running), else
     * queues it and wakes the workers. Returns once the store has it for good.
     *
     * @return whether it started at once
     */
    boolean enqueue(NewTask task) {
        if (workers.reserve(task.jobId())) {
            try {
                store.record(task);
            } catch (RuntimeException e) {
                workers.release(task.jobId());
                throw e;
            }
            workers.startNow(task);
            return true;
        }
        store.enqueue(task);
        workers.queued();
        workers.wake();
        return false;
    }

    /** Takes a task as {@link #enqueue} does, and hears its end (from this server's workers). */
    CompletableFuture<TaskRecord> enqueueAndAwait(NewTask task) {
        CompletableFuture<TaskRecord> end = workers.awaitEnd(task.id());
        try {
            enqueue(task);
        } catch (RuntimeException e) {
            workers.stopWaiting(task.id());
            throw e;
        }
        return end;
    }

    private void taskEnded(TaskRecord task) {
        triggers.taskEnded(task);
    }

    private void applyRetention() {
        try {
            int deleted = store.applyRetention(settings.retention);
            if (deleted > 0) {
                log.accept("retention: deleted " + deleted + " ended task" + (deleted == 1 ? "" : "s"));
            }
        } catch (RuntimeException e) {
            log.accept("retention: " + e.getMessage());
        }
    }

    /** The job of a claimed task: the loaded one when it is that version, else the version it was queued with. */
    private final class VersionedJobs implements Workers.Jobs {
        @Override
        public Job forTask(NewTask task) {
            return jobs.version(task.job().hash()).orElseGet(() -> {
                synchronized (olderVersions) {
                    Job older = olderVersions.get(task.job().hash());
                    if (older == null) {
                        Path file = Path.of(task.job().file() != null ? task.job().file() : task.jobId() + ".json");
                        try {
                            older = JobLoader.load(file, task.job().text(), catalog, expressions);
                        } catch (InvalidJobException e) {
                            throw new IllegalArgumentException("the job version it was queued with does not load now: "
                                    + e.problems().get(0), e);
                        }
                        olderVersions.put(task.job().hash(), older);
                        if (olderVersions.size() > 32) {
                            olderVersions.remove(olderVersions.keySet().iterator().next());
                        }
                    }
                    return older;
                }
            });
        }

        @Override
        public Map<String, Integer> limits() {
            Map<String, Integer> limits = new LinkedHashMap<>();
            jobs.all().forEach(loaded -> limits.put(loaded.job().id(), loaded.job().maxConcurrency()));
            return limits;
        }
    }

    /**
     * Stops: triggers, webhooks and the API at once; running tasks have the grace period to finish,
     * then are cancelled. Returns when every task has ended (or been given up on, and recorded so).
     */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        int running = workers.runningCount();
        log.accept("stopping: triggers and the API are off; " + (running == 0 ? "no task is running"
                : running + " running task" + (running == 1 ? " has " : "s have ") + Durations.format(settings.grace)
                        + " to finish"));
        triggers.stop();
        jobs.close();
        housekeeping.shutdownNow();
        if (http != null) {
            http.close();
        }
        workers.stopClaiming();
        try {
            if (!workers.awaitIdle(settings.grace)) {
                log.accept("the grace period of " + Durations.format(settings.grace) + " is over: cancelling "
                        + String.join(", ", workers.runningIds()));
                workers.cancelAll("cancelled: the server stopped and its grace period of "
                        + Durations.format(settings.grace) + " ran out");
                if (!workers.awaitIdle(CANCEL_WAIT)) {
                    var left = store.interruptOwnTasks("interrupted: the server stopped; the task did not end when cancelled");
                    log.accept("stopped without " + String.join(", ", left) + ": marked interrupted");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.interruptOwnTasks("interrupted: the server stopped before the task ended");
        }
        workers.close();
        evaluations.close();
        store.flush();
        log.accept("stopped");
    }

    /** Cancels every running task now (a second stop signal): {@link #stop()} then ends without waiting out its grace. */
    public void hurry() {
        workers.stopClaiming();
        workers.cancelAll("cancelled: the server was told to stop at once");
    }

    @Override
    public void close() {
        stop();
    }
}
