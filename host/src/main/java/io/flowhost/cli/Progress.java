package io.flowhost.cli;

import io.flowhost.api.Durations;
import io.flowhost.run.LogLine;
import io.flowhost.run.StepRecord;
import io.flowhost.run.TaskListener;
import io.flowhost.run.TaskRecord;
import java.io.PrintWriter;
import java.time.Duration;

/** Prints a task's progress and log, one line per event, for a person watching stderr. */
final class Progress implements TaskListener {
    private final PrintWriter err;

    Progress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void taskStarted(TaskRecord task) {
        print("task " + task.id() + " of job '" + task.jobId() + "' started");
    }

    @Override
    public void stepEnded(StepRecord step) {
        String took = Durations.format(Duration.between(step.startedAt(), step.endedAt()));
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
        print("task " + task.id() + " " + task.status().jsonName() + " in " + took
                + (task.error() == null ? "" : ": " + task.error()));
    }

    private synchronized void print(String line) {
        err.println(line);
        err.flush();
    }
}
