package io.flowhost.cli;

import io.flowhost.api.Durations;
import io.flowhost.server.Server;
import io.flowhost.store.Retention;
import io.flowhost.store.TaskStore;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowhost serve}: the server. Runs until SIGTERM or Ctrl+C, which stop it as
 * {@link Server#stop()} says (a second one cancels the running tasks at once); exits 0 once stopped.
 */
@Command(name = "serve", description = {
    "Run the server: load the jobs folder and reload a job when its file changes, fire the jobs' triggers "
            + "(schedules, webhooks, watched folders, other jobs' tasks), run queued tasks and answer the REST API.",
    "SIGTERM or Ctrl+C stops it: triggers stop, running tasks have --grace to finish, then are cancelled; "
            + "a second signal cancels them at once. Exit 0 once stopped, 2 when it cannot start."})
final class ServeCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    HostOptions hostOptions;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--jobs", paramLabel = "DIR", defaultValue = "scripts/jobs", description = "The jobs folder (default scripts/jobs).")
    Path jobs;

    @Option(names = "--port", paramLabel = "N",
            description = "The port (default: the configuration's port, else 8080; 0 for any free port).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "The address to listen on (default: the configuration's bind, else 127.0.0.1: this machine only).")
    String bind;

    @Option(names = "--workers", paramLabel = "N", description = "How many tasks run at once (default: twice the processors, at least 4).")
    Integer workers;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long running tasks have to finish when the server stops (default 30s).")
    String grace;

    @Option(names = "--keep-tasks", paramLabel = "N", defaultValue = "1000",
            description = "Keep each job's last N ended tasks (default 1000; 0: no such rule).")
    int keepTasks;

    @Option(names = "--keep-days", paramLabel = "D", defaultValue = "30",
            description = "Keep ended tasks younger than D days (default 30; 0: no such rule). A task either rule keeps is kept.")
    int keepDays;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
            description = "The largest request body, webhooks included (default 1048576, 1 MiB).")
    long maxBody;

    @Option(names = "--reset-token", description = "Make a new API token (shown once) in place of the kept one.")
    boolean resetToken;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(jobs)) {
            throw new UserError("no jobs folder " + jobs + "; give one with --jobs DIR");
        }
        Duration graceTime;
        try {
            graceTime = Durations.parse(grace);
        } catch (IllegalArgumentException e) {
            throw new UserError("--grace: " + e.getMessage());
        }
        if (keepTasks < 0 || keepDays < 0) {
            throw new UserError("--keep-tasks and --keep-days must not be negative");
        }
        Retention retention = new Retention(keepTasks, keepDays == 0 ? null : Duration.ofDays(keepDays));
        try (Host host = Host.open(hostOptions, err, true, Flowhost.verbose(spec));
                TaskStore store = storeOptions.open(host.config())) {
            err.println(line("task store: " + store.describe()));
            if (bind == null) {
                bind = host.config().bind();
            }
            if (port == null) {
                port = host.config().port();
            }
            Server.Builder builder = Server.builder(host.catalog(), host.expressions(), store).jobs(jobs).bind(bind).port(port)
                    .artifacts(storeOptions.dataFolder(host.config()).resolve("artifacts"))
                    .grace(graceTime).retention(retention).resetToken(resetToken).log(text -> {
                        synchronized (err) {
                            err.println(line(text));
                            err.flush();
                        }
                    });
            try {
                builder.maxBodyBytes(maxBody);
                if (workers != null) {
                    builder.workers(workers);
                }
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            CountDownLatch stop = new CountDownLatch(1);
            AtomicInteger signals = new AtomicInteger();
            List<Runnable> restore = new ArrayList<>();
            Server[] running = new Server[1];
            for (String name : List.of("INT", "TERM")) {
                Signals.handle(name, number -> {
                    if (signals.incrementAndGet() == 1) {
                        stop.countDown();
                    } else if (running[0] != null) {
                        err.println(line("SIG" + name + " again: cancelling the running tasks now"));
                        err.flush();
                        running[0].hurry();
                    }
                }).ifPresent(restore::add);
            }
            Thread hook = new Thread(() -> {
                // any other end of the JVM (SIGHUP, or signals this JVM cannot take): stop as cleanly
                stop.countDown();
                if (running[0] != null) {
                    running[0].stop();
                }
            }, "flowhost-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                running[0] = start(builder);
                stop.await();
                running[0].stop();
            } finally {
                restore.forEach(Runnable::run);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down already: the hook stops the server
                }
            }
        }
        return Flowhost.OK;
    }

    private Server start(Server.Builder builder) {
        try {
            return builder.start();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new UserError("cannot listen on " + bind + ":" + port + ": " + cause.getMessage().toLowerCase(Locale.ROOT)
                            + "; choose another with --port or --bind");
                }
            }
            throw e;
        }
    }

    private static String line(String text) {
        return LocalTime.now().format(TIME) + " " + text;
    }
}
