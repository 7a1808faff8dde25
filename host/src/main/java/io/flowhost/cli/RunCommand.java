package io.flowhost.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.jobs.InvalidJobException;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.JobLoader;
import io.flowhost.jobs.JobParameters;
import io.flowhost.run.RunRequest;
import io.flowhost.run.RunningTask;
import io.flowhost.run.TaskRecord;
import io.flowhost.run.TaskReports;
import io.flowhost.run.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowhost run}: validates a job, runs it once, prints its progress and (with --json) its report.
 * Ctrl+C and SIGTERM cancel the task, which still reports (see {@link Interrupts}).
 */
@Command(name = "run", description = "Run a job once. Progress goes to stderr; --json prints the task report to stdout. "
        + "Ctrl+C or SIGTERM cancels the task, prints its report and exits 130 or 143; a second Ctrl+C exits at once.")
final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    HostOptions hostOptions;

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

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such job file");
        }
        try (Host host = Host.open(hostOptions, err, true)) {
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
            Progress progress = new Progress(err);
            RunningTask running = host.runner().start(job, request, progress);
            TaskRecord task;
            OptionalInt signalled;
            try (Interrupts interrupts = Interrupts.install(running, err)) {
                try {
                    task = running.await();
                } catch (InterruptedException e) {
                    running.cancel();
                    throw e;
                }
                if (json) {
                    var out = spec.commandLine().getOut();
                    out.println(Inputs.JSON.writeValueAsString(TaskReports.toJson(task)));
                    out.flush();
                }
                signalled = interrupts.exitCode();
            }
            if (signalled.isPresent()) {
                return signalled.getAsInt();
            }
            return task.status() == TaskStatus.SUCCEEDED ? Flowhost.OK : Flowhost.TASK_FAILED;
        }
    }
}
