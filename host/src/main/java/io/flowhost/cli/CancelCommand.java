package io.flowhost.cli;

import io.flowhost.run.CancelWatch;
import io.flowhost.store.CancelOutcome;
import io.flowhost.store.TaskStore;
import io.flowhost.store.TaskSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowhost cancel}: stops a task, queued or running, wherever it runs. */
@Command(name = "cancel", description = "Cancel a task: a queued one at once, a running one through the process "
        + "that runs it (a server, or a flowhost run), which stops it within a second; waits up to 10s to report how it ended.")
final class CancelCommand implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(paramLabel = "TASK", description = "The task id (see flowhost tasks).")
    String id;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        try (TaskStore store = storeOptions.open()) {
            CancelOutcome outcome = store.cancel(id, "cancelled by flowhost cancel");
            switch (outcome) {
                case NOT_FOUND -> throw new UserError("no task '" + id + "' in the task store " + store.describe());
                case CANCELLED -> err.println("flowhost: task " + id + " cancelled; it was waiting in the queue");
                case ALREADY_ENDED -> err.println("flowhost: task " + id + " has ended already: "
                        + store.summary(id).map(t -> t.status().jsonName()).orElse("deleted"));
                case REQUESTED -> {
                    err.println("flowhost: task " + id + " is running: asked the process that runs it to stop it");
                    err.flush();
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    TaskSummary task = store.summary(id).orElseThrow();
                    while (!task.status().ended() && System.nanoTime() < deadline) {
                        Thread.sleep(CancelWatch.EVERY.toMillis() / 2);
                        task = store.summary(id).orElseThrow();
                    }
                    err.println(task.status().ended() ? "flowhost: task " + id + " " + task.status().jsonName()
                            + (task.error() == null ? "" : ": " + task.error())
                            : "flowhost: task " + id + " is still running after " + WAIT.toSeconds() + "s");
                }
            }
        }
        err.flush();
        return Flowhost.OK;
    }
}
