package io.flowhost.cli;

import io.flowhost.api.Message;
import io.flowhost.run.TaskListener;
import io.flowhost.script.helpers.Secrets;
import io.flowhost.store.LogLine;
import io.flowhost.store.StepRecord;
import io.flowhost.store.StepStatus;
import io.flowhost.store.TaskLines;
import io.flowhost.store.TaskRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prints a task's progress and log, one line per event, for a person watching stderr. Steps that
 * never started are counted in the task's last line rather than listed: a stopped fan-out may have
 * thousands. Remembers where a task stopped for {@code --until}.
 */
final class Progress implements TaskListener {
    private final PrintWriter err;
    private final boolean verbose;
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicReference<Stop> stop = new AtomicReference<>();

    /** Where the task stopped, as its request asked, and the message that step would have received. */
    record Stop(String path, Message input) {}

    /** @param verbose whether a failed step's exception is printed with its stack trace */
    Progress(PrintWriter err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void taskStarted(TaskRecord task) {
        print(TaskLines.started(task.id(), task.jobId()));
    }

    @Override
    public void stoppedBefore(String path, Message input) {
        stop.set(new Stop(path, input));
    }

    /** @return where the task stopped, if it stopped before the step its request named */
    Optional<Stop> stoppedBefore() {
        return Optional.ofNullable(stop.get());
    }

    @Override
    public void stepEnded(StepRecord step) {
        Stop stopped = stop.get();
        if (stopped != null && stopped.path().equals(step.path())) {
            return; // the step --until named: the command says where it stopped
        }
        if (step.status() == StepStatus.SKIPPED) {
            skipped.incrementAndGet();
        }
        TaskLines.step(step.status(), step.path(), step.action(), step.duration(), step.error()).ifPresent(this::print);
    }

    @Override
    public synchronized void stepFailed(String path, Throwable cause) {
        if (verbose) {
            err.println("  stack trace of " + path + ":");
            java.io.StringWriter trace = new java.io.StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            err.print(Secrets.current().mask(trace.toString()));
            err.flush();
        }
    }

    @Override
    public void log(LogLine line) {
        TaskLines.log(line).ifPresent(this::print);
    }

    @Override
    public void taskEnded(TaskRecord task) {
        for (io.flowhost.store.Artifact artifact : task.artifacts()) {
            print("  artifact  " + artifact.step() + ": " + artifact.name()
                    + (artifact.file() != null ? " -> " + artifact.file() : " = " + abbreviated(artifact.json().toString())));
        }
        print(TaskLines.ended(task.id(), task.status(), Optional.of(Duration.between(task.startedAt(), task.endedAt())),
                task.error(), skipped.get()));
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }

    private synchronized void print(String line) {
        err.println(Secrets.current().mask(line));
        err.flush();
    }
}
