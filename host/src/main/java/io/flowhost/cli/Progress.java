package io.flowhost.cli;

import io.flowhost.api.Durations;
import io.flowhost.api.Message;
import io.flowhost.store.LogLine;
import io.flowhost.store.StepRecord;
import io.flowhost.store.StepStatus;
import io.flowhost.run.TaskListener;
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
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicReference<Stop> stop = new AtomicReference<>();

    /** Where the task stopped, as its request asked, and the message that step would have received. */
    record Stop(String path, Message input) {}

    Progress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void taskStarted(TaskRecord task) {
        print("task " + task.id() + " of job '" + task.jobId() + "' started");
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
            return;
        }
        String took = step.duration().map(Durations::format).orElse("");
        String action = step.action() == null ? "" : " (" + step.action() + ")";
        String reason = step.error() == null ? "" : ": " + step.error();
        print(String.format("  %-9s %s%s %s%s", step.status().jsonName(), step.path(), action, took, reason));
    }

    @Override
    public void log(LogLine line) {
        if (line.level() == LogLine.Level.ERROR && !line.step().isEmpty()) {
            return; // a failed step's reason is printed with its status line
        }
        String text = line.text().stripTrailing().replace("\n", "\n            ");
        print("  " + line.level().jsonName() + "      " + (line.step().isEmpty() ? "" : line.step() + ": ") + text);
    }

    @Override
    public void taskEnded(TaskRecord task) {
        String took = Durations.format(Duration.between(task.startedAt(), task.endedAt()));
        int notStarted = skipped.get();
        print("task " + task.id() + " " + task.status().jsonName() + " in " + took
                + (task.error() == null ? "" : ": " + task.error())
                + (notStarted == 0 ? "" : " (" + notStarted + " step" + (notStarted == 1 ? "" : "s")
                        + " waiting to run did not start)"));
    }

    private synchronized void print(String line) {
        err.println(line);
        err.flush();
    }
}
