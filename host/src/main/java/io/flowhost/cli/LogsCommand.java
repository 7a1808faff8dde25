package io.flowhost.cli;

import io.flowhost.store.StepStatus;
import io.flowhost.store.TaskEvent;
import io.flowhost.store.TaskLines;
import io.flowhost.store.TaskStatus;
import io.flowhost.store.TaskStore;
import io.flowhost.store.TaskSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowhost logs}: a task's log from the store, as {@code run} printed it. */
@Command(name = "logs", description = {
    "Print a task's log as 'flowhost run' printed it: its steps and log lines, in order, and how it ended.",
    "With --follow, wait for what the task does next until it ends; the exit code is then its outcome (0 succeeded, 1 not)."})
final class LogsCommand implements Callable<Integer> {
    /** How often --follow looks for what is new. */
    static final Duration POLL = Duration.ofMillis(250);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(paramLabel = "TASK", description = "The task id (see flowhost tasks).")
    String id;

    @Option(names = {"-f", "--follow"}, description = "Keep printing until the task ends.")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (TaskStore store = storeOptions.open()) {
            TaskSummary task = store.summary(id).orElseThrow(() -> new UserError("no task '" + id + "' in the task store "
                    + store.describe()));
            boolean startPrinted = false;
            long seq = 0;
            int skipped = 0;
            while (true) {
                if (!startPrinted && task.startedAt() != null) {
                    out.println(TaskLines.started(task.id(), task.jobId()));
                    startPrinted = true;
                }
                for (TaskEvent event : store.events(id, seq)) {
                    seq = event.seq();
                    switch (event) {
                        case TaskEvent.Step step -> {
                            if (step.status() == StepStatus.SKIPPED) {
                                skipped++;
                            }
                            TaskLines.step(step.status(), step.path(), step.action(), step.duration(), step.error())
                                    .ifPresent(out::println);
                        }
                        case TaskEvent.Log log -> TaskLines.log(log.line()).ifPresent(out::println);
                    }
                }
                out.flush();
                if (task.status().ended()) {
                    // the events of an ended task are all written before its end
                    out.println(TaskLines.ended(task.id(), task.status(), task.duration(), task.error(), skipped));
                    out.flush();
                    return !follow || task.status() == TaskStatus.SUCCEEDED ? Flowhost.OK : Flowhost.TASK_FAILED;
                }
                if (!follow) {
                    out.println("task " + task.id() + " is " + task.status().jsonName()
                            + (task.status() == TaskStatus.QUEUED ? " (waiting for a server's worker)" : "")
                            + "; --follow prints the rest as it happens");
                    out.flush();
                    return Flowhost.OK;
                }
                Thread.sleep(POLL);
                task = store.summary(id).orElseThrow(() -> new UserError("task '" + id + "' was deleted while it was followed"));
            }
        }
    }
}
