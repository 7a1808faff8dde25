package io.flowhost.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.ActionContext;
import io.flowhost.api.JobLauncher;
import io.flowhost.api.Message;
import io.flowhost.jobs.Job;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@link JobLauncher} of one task: starts jobs named relative to the task's job file, as tasks
 * of the same runner, each knowing the chain of jobs that led to it so that a loop is refused.
 */
final class ChildJobs {
    private final Runner runner;
    private final Job job;
    private final String taskId;
    private final List<String> chain;

    ChildJobs(Runner runner, Job job, String taskId, List<String> chain) {
        this.runner = runner;
        this.job = job;
        this.taskId = taskId;
        this.chain = List.copyOf(chain);
    }

    /** The launcher a step's action gets: what it starts is logged in that step's name. */
    JobLauncher forStep(ActionContext step) {
        return (file, params, message, wait) -> {
            Objects.requireNonNull(file, "job");
            Path source = job.source();
            Path folder = source == null ? Path.of("").toAbsolutePath() : source.toAbsolutePath().getParent();
            ObjectNode event = JsonNodeFactory.instance.objectNode()
                    .put("type", "task").put("parentTask", taskId).put("parentJob", job.id());
            Message input = (message == null ? Message.empty() : message).withEvent(event);
            RunningTask task = runner.startChild(folder.resolve(file).normalize(), params == null
                    ? JsonNodeFactory.instance.objectNode() : params, input, chain);
            step.log().info("started task " + task.id() + " of " + file);
            if (!wait) {
                return new JobLauncher.JobRun(task.id(), task.jobId(), "running", null, null);
            }
            TaskRecord ended;
            try {
                ended = task.await();
            } catch (InterruptedException e) {
                task.cancel("the step that started it was cancelled");
                throw e;
            }
            return new JobLauncher.JobRun(ended.id(), ended.jobId(), ended.status().jsonName(), ended.error(), ended.output());
        };
    }
}
