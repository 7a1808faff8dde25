package io.flowhost.cli;

import io.flowhost.run.RunningTask;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Ctrl+C (SIGINT) and SIGTERM do while {@code flowhost run} runs a task. The first one cancels
 * the task: it stops its work, ends as {@code cancelled} with every step's state, removes its scratch
 * folder and prints its report, and the command then exits with 128 + the signal's number (130, 143).
 * A second one exits at once, without the report; so does the first if the report is not out within
 * {@link #REPORT_WAIT}. Any other shutdown of the JVM (SIGHUP, say) cancels the task too and waits as
 * long for its report.
 *
 * <p>The JVM's own handling of these signals runs shutdown hooks, and a second signal cannot end a
 * JVM whose hooks are running; so the signals are handled through {@link Signals}. Where that cannot
 * be done, the shutdown hook alone still cancels the task and waits for its report.
 */
final class Interrupts implements AutoCloseable {
    /** How long a cancelled task may take to print its report before the process exits without it. */
    static final Duration REPORT_WAIT = Duration.ofSeconds(10);

    private final RunningTask task;
    private final PrintWriter err;
    private final CountDownLatch reported = new CountDownLatch(1);
    private final AtomicInteger signal = new AtomicInteger();
    private final List<Runnable> restore = new ArrayList<>();
    private final Thread hook;

    private Interrupts(RunningTask task, PrintWriter err) {
        this.task = task;
        this.err = err;
        this.hook = new Thread(() -> {
            task.cancel("cancelled: the process is shutting down");
            awaitReport();
        }, "flowhost-shutdown");
    }

    /** Handles SIGINT and SIGTERM for {@code task} until {@link #close()}. */
    static Interrupts install(RunningTask task, PrintWriter err) {
        Interrupts interrupts = new Interrupts(task, err);
        Runtime.getRuntime().addShutdownHook(interrupts.hook);
        for (String name : List.of("INT", "TERM")) {
            interrupts.handle(name);
        }
        return interrupts;
    }

    /** @return 128 + the number of the signal that cancelled the task, if one did */
    OptionalInt exitCode() {
        int number = signal.get();
        return number == 0 ? OptionalInt.empty() : OptionalInt.of(128 + number);
    }

    /** The report is out: a shutdown waiting for it may go on. Restores the JVM's own signal handling. */
    @Override
    public void close() {
        reported.countDown();
        restore.forEach(Runnable::run);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook has done its work or is about to
        }
    }

    private void received(String name, int number) {
        if (!signal.compareAndSet(0, number)) {
            err.println("flowhost: SIG" + name + " again: exiting without the task's report");
            err.flush();
            Runtime.getRuntime().halt(128 + number);
            return;
        }
        err.println("flowhost: SIG" + name + ": cancelling the task (again to exit at once)");
        err.flush();
        task.cancel("cancelled by SIG" + name);
        Thread.ofPlatform().daemon().name("flowhost-report-wait").start(() -> {
            if (!awaitReport()) {
                err.println("flowhost: the task did not end within " + REPORT_WAIT.toSeconds() + "s of SIG" + name
                        + "; exiting without its report");
                err.flush();
                Runtime.getRuntime().halt(128 + number);
            }
        });
    }

    private boolean awaitReport() {
        try {
            return reported.await(REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void handle(String name) {
        Signals.handle(name, number -> received(name, number)).ifPresent(restore::add);
    }
}
