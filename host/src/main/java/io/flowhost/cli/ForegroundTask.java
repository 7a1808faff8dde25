package io.flowhost.cli;

import io.flowhost.jobs.Job;
import io.flowhost.run.CancelWatch;
import io.flowhost.run.RunRequest;
import io.flowhost.run.Runner;
import io.flowhost.run.RunningTask;
import io.flowhost.store.NewTask;
import io.flowhost.store.StoreException;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskReports;
import io.flowhost.store.TaskStatus;
import io.flowhost.store.TaskStore;
import java.io.PrintWriter;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A task run here and now, as {@code run} and {@code rerun} do: recorded in the store, its progress
 * on stderr, its report on stdout with {@code --json}, cancelled by Ctrl+C, SIGTERM or
 * {@code flowhost cancel}.
 */
final class ForegroundTask {
    /**
     * What the task ended with.
     *
     * @param task     the ended task
     * @param progress what it printed, and where it stopped
     * @param signal   the exit code of the signal that cancelled it, if one did
     */
    record Outcome(TaskRecord task, Progress progress, OptionalInt signal) {
        /** @return 0 when it succeeded, 1 when not, 130 or 143 when a signal cancelled it */
        int exitCode() {
            return signal.isPresent() ? signal.getAsInt() : task.status() == TaskStatus.SUCCEEDED ? Flowhost.OK
                    : Flowhost.TASK_FAILED;
        }
    }

    private ForegroundTask() {}

    static Outcome run(CommandSpec spec, Host host, TaskStore store, java.nio.file.Path dataDir, Job job, NewTask task,
            RunRequest request, boolean json) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try {
            store.record(task);
        } catch (StoreException e) {
            throw new UserError(e.getMessage() + "; nothing was run");
        }
        Progress progress = new Progress(err, Flowhost.verbose(spec), Progress.stderrIsTerminal());
        Runner runner = host.runner(store, dataDir);
        RunningTask running = runner.start(job, request.withTaskId(task.id()), progress);
        TaskRecord ended;
        OptionalInt signalled;
        CancelWatch watch = CancelWatch.start(store, id -> id.equals(running.id()) ? running : null);
        try (Interrupts interrupts = Interrupts.install(running, err)) {
            try {
                ended = running.await();
                // tasks its steps started without waiting for them (jobs.start) end before the command does
                if (ended.status() == TaskStatus.CANCELLED) {
                    runner.cancelAll(ended.error() == null ? "task was cancelled" : ended.error());
                }
                runner.awaitIdle();
            } catch (InterruptedException e) {
                running.cancel();
                runner.cancelAll("task was cancelled");
                throw e;
            }
            if (json) {
                var out = spec.commandLine().getOut();
                TaskReports.write(ended, out);
                out.println();
                out.flush();
            }
            signalled = interrupts.exitCode();
        } finally {
            watch.close();
        }
        return new Outcome(ended, progress, signalled);
    }
}
