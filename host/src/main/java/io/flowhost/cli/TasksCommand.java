package io.flowhost.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.flowhost.api.Durations;
import io.flowhost.store.TaskQuery;
import io.flowhost.store.TaskStatus;
import io.flowhost.store.TaskStore;
import io.flowhost.store.TaskSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowhost tasks}: the tasks in the store, newest first. */
@Command(name = "tasks", description = "List tasks, newest first: those run here, by a server, or waiting in its queue.")
final class TasksCommand implements Callable<Integer> {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--job", paramLabel = "ID", description = "Only this job's tasks.")
    String job;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only tasks in this status: queued, running, succeeded, failed, cancelled, timed-out, interrupted.")
    String status;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "At most N tasks (default 20).")
    int limit;

    @Option(names = "--json", description = "Print a JSON array of tasks.")
    boolean json;

    @Override
    public Integer call() {
        TaskQuery query;
        try {
            query = TaskQuery.newest(limit);
            if (status != null) {
                query = query.inStatus(TaskStatus.of(status));
            }
        } catch (IllegalArgumentException e) {
            throw new UserError((status != null && e.getMessage().startsWith("unknown status") ? "--status: " : "--limit: ")
                    + e.getMessage());
        }
        if (job != null) {
            query = query.ofJob(job);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (TaskStore store = storeOptions.open()) {
            TaskQuery.Page page = store.list(query);
            if (json) {
                ArrayNode array = Inputs.JSON.createArrayNode();
                page.tasks().forEach(task -> array.add(TaskJson.summary(task)));
                out.println(array.toPrettyString());
            } else if (page.tasks().isEmpty()) {
                spec.commandLine().getErr().println("flowhost: no tasks" + (job == null ? "" : " of job '" + job + "'")
                        + (status == null ? "" : " " + status) + " in " + store.describe());
            } else {
                print(out, page);
            }
        }
        out.flush();
        return Flowhost.OK;
    }

    private static void print(PrintWriter out, TaskQuery.Page page) {
        int idWidth = "TASK".length();
        int jobWidth = "JOB".length();
        for (TaskSummary task : page.tasks()) {
            idWidth = Math.max(idWidth, task.id().length());
            jobWidth = Math.max(jobWidth, task.jobId().length());
        }
        String format = "%-" + idWidth + "s  %-" + jobWidth + "s  %-11s  %-8s  %-19s  %8s  %s%n";
        out.printf(format, "TASK", "JOB", "STATUS", "TRIGGER", "QUEUED", "TOOK", "ERROR").flush();
        for (TaskSummary task : page.tasks()) {
            String error = task.error() == null ? "" : task.error().lines().findFirst().orElse("");
            out.printf(format, task.id(), task.jobId(), task.status().jsonName(), task.trigger(), local(task.queuedAt()),
                    task.duration().map(Durations::format).orElse("-"),
                    error.length() > 80 ? error.substring(0, 79) + "…" : error);
        }
        if (page.next() != null) {
            out.println("(more: --limit " + Math.min(TaskQuery.MAX_LIMIT, page.tasks().size() * 5) + " shows more)");
        }
    }

    static String local(Instant instant) {
        return instant == null ? "-" : LOCAL.format(instant);
    }
}
