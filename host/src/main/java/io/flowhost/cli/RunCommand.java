package io.flowhost.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.jobs.InvalidJobException;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.JobLoader;
import io.flowhost.jobs.JobParameters;
import io.flowhost.run.RunRequest;
import io.flowhost.run.StepSelector;
import io.flowhost.store.JobVersion;
import io.flowhost.store.NewTask;
import io.flowhost.store.TaskStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowhost run}: validates a job, runs it once, prints its progress and (with --json) its report.
 * Ctrl+C and SIGTERM cancel the task, which still reports (see {@link Interrupts}); {@code --until}
 * stops it before a step and {@code --dump-message} keeps the message that step would have received.
 */
@Command(name = "run", description = "Run a job once. Progress goes to stderr; --json prints the task report to stdout. "
        + "Ctrl+C or SIGTERM cancels the task, prints its report and exits 130 or 143; a second Ctrl+C exits at once.")
final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    HostOptions hostOptions;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "FILE", description = "The job file.")
    Path file;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Set a job parameter; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"-m", "--message"}, paramLabel = "FILE|-", description = "The first message, a JSON file or - for stdin.")
    String message;

    @Option(names = {"-n", "--node"}, paramLabel = "PATH", description = "Add a file as a node of the first message; repeatable.")
    List<Path> nodes;

    @Option(names = "--json", description = "Print the task report as one JSON object on stdout.")
    boolean json;

    @Option(names = "--until", paramLabel = "STEP",
            description = "Stop the task before STEP runs: a step path such as each[0]/thumb, or a step id (its first run).")
    String until;

    @Option(names = "--dump-message", paramLabel = "FILE",
            description = "With --until: write the message STEP receives to FILE (try it with 'flowhost playground -m FILE').")
    Path dumpMessage;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (dumpMessage != null && until == null) {
            throw new UserError("--dump-message needs --until STEP: the step whose message to write");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such job file");
        }
        io.flowhost.script.JsExpressions.startEngine();
        try (Host host = Host.open(hostOptions, err, true, Flowhost.verbose(spec));
                TaskStore store = storeOptions.open(host.config())) {
            Job job;
            try {
                job = JobLoader.load(file, host.catalog(), host.expressions());
            } catch (InvalidJobException e) {
                e.problems().forEach(err::println);
                err.println("flowhost: " + file + " is not a valid job (" + e.problems().size() + " problem"
                        + (e.problems().size() == 1 ? "" : "s") + "); nothing was run");
                return Flowhost.CANNOT_START;
            }
            ObjectNode values;
            try {
                values = JobParameters.resolve(job, params);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            RunRequest request = new RunRequest(Inputs.message(message, nodes, System.in), values);
            if (until != null) {
                try {
                    request = request.withStopBefore(StepSelector.of(job, until));
                } catch (IllegalArgumentException e) {
                    throw new UserError("--until: " + e.getMessage());
                }
            }
            NewTask task = NewTask.of(job.id(), JobVersion.of(job.text(), file.toAbsolutePath().toString()), values,
                    request.input());
            ForegroundTask.Outcome outcome = ForegroundTask.run(spec, host, store, storeOptions.dataFolder(host.config()), job, task, request, json);
            if (outcome.signal().isPresent() || until == null) {
                return outcome.exitCode();
            }
            return stopped(outcome.progress().stoppedBefore().orElse(null), err);
        }
    }

    /** Ends a run with {@code --until}: 0 and the message written when it stopped there, else 1. */
    private int stopped(Progress.Stop stop, PrintWriter err) {
        if (stop == null) {
            err.println("flowhost: the task never reached step '" + until + "'"
                    + (dumpMessage == null ? "" : "; " + dumpMessage + " was not written"));
            return Flowhost.TASK_FAILED;
        }
        if (dumpMessage == null) {
            err.println("flowhost: stopped before step '" + stop.path() + "'");
            return Flowhost.OK;
        }
        try {
            Files.writeString(dumpMessage, Inputs.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(io.flowhost.script.helpers.Secrets.current().mask(stop.input().toJson())) + "\n");
        } catch (IOException e) {
            throw new UserError(dumpMessage + ": cannot write the message: " + e.getMessage(), Flowhost.TASK_FAILED);
        }
        err.println("flowhost: stopped before step '" + stop.path() + "'; the message it receives is in " + dumpMessage);
        return Flowhost.OK;
    }
}
