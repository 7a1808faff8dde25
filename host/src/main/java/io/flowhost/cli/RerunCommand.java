package io.flowhost.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.jobs.InvalidJobException;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.JobLoader;
import io.flowhost.jobs.JobParameters;
import io.flowhost.run.RunRequest;
import io.flowhost.store.JobVersion;
import io.flowhost.store.NewTask;
import io.flowhost.store.StoredTask;
import io.flowhost.store.TaskIds;
import io.flowhost.store.TaskStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowhost rerun}: runs a task again here, as {@code run} runs a job: the same job version
 * (the text the task ran, not the file as it is now, unless {@code --latest}), parameters and message.
 */
@Command(name = "rerun", description = "Run a task again, here and now as 'flowhost run' does: the exact job text "
        + "it ran (--latest: the job file as it is now), its parameters and its first message. Exit codes as for run.")
final class RerunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    HostOptions hostOptions;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(paramLabel = "TASK", description = "The task to run again (see flowhost tasks).")
    String id;

    @Option(names = "--latest", description = "Run the job file as it is now, not as the task ran it.")
    boolean latest;

    @Option(names = "--json", description = "Print the new task's report as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        io.flowhost.script.JsExpressions.startEngine();
        try (Host host = Host.open(hostOptions, err, true, Flowhost.verbose(spec));
                TaskStore store = storeOptions.open(host.config())) {
            StoredTask original = store.find(id).orElseThrow(() -> new UserError("no task '" + id + "' in the task store "
                    + store.describe()));
            Message input = original.inputMessage().orElseThrow(() -> new UserError("task " + id + " cannot run again: its "
                    + "first message (" + original.input().path("bytes").asLong() + " bytes) was larger than the store keeps"));
            String file = original.job().file();
            Path name = Path.of(file == null ? original.summary().jobId() + ".json" : file);
            String text = original.job().text();
            if (latest) {
                if (file == null || !Files.isRegularFile(name)) {
                    throw new UserError("--latest: task " + id + "'s job file " + (file == null ? "is not known" : name
                            + " is gone") + "; without --latest the job runs as the task ran it");
                }
                try {
                    text = Files.readString(name);
                } catch (IOException e) {
                    throw new UserError(name + ": cannot read: " + e.getMessage());
                }
            }
            Job job;
            try {
                job = JobLoader.load(name, text, host.catalog(), host.expressions());
            } catch (InvalidJobException e) {
                e.problems().forEach(err::println);
                err.println("flowhost: " + (latest ? name.toString() : "the job task " + id + " ran")
                        + " is not a valid job now (" + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s")
                        + "); nothing was run");
                return Flowhost.CANNOT_START;
            }
            ObjectNode params;
            try {
                params = latest ? JobParameters.resolveJson(job, original.params()) : original.params();
            } catch (IllegalArgumentException e) {
                throw new UserError("--latest: " + e.getMessage());
            }
            Instant now = Instant.now();
            NewTask task = new NewTask(TaskIds.next(now), job.id(), JobVersion.of(text, file), original.summary().trigger(),
                    params, input, id, now);
            err.println("flowhost: task " + task.id() + " runs task " + id + " again"
                    + (latest ? " with the job file as it is now" : text.equals(readOrNull(name)) ? ""
                            : " (the job as it ran then; its file has changed since: --latest runs that)"));
            return ForegroundTask.run(spec, host, store, storeOptions.dataFolder(host.config()), job, task, new RunRequest(input, params), json).exitCode();
        }
    }

    private static String readOrNull(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
