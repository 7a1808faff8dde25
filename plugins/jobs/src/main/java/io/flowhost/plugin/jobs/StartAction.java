package io.flowhost.plugin.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.JobLauncher;
import io.flowhost.api.Message;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import org.pf4j.Extension;

/** {@code jobs.start}: starts another job, waiting for it or not. */
@Extension
public final class StartAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("jobs.start")
                .label("Start a job")
                .summary("Starts another job with parameters and a message, and waits for it or not")
                .description("""
                        Starts the job file 'job' (relative to this job's file) as a new task, with 'params' \
                        (checked against its parameters) and a first message: by default this step's message \
                        ("pass"), or an empty one ("empty"), its event saying which task started it. With \
                        'wait' the step waits for the task's end: its output is {"taskId", "jobId", "status", \
                        "error", "output": the task's last message}, and a task that did not succeed fails the \
                        step unless 'failOnFailure' is false; with 'mergeOutput' its nodes, items and variables \
                        come back into this message. Without 'wait' the output is {"taskId", "jobId", "status": \
                        "running"}. A job that is already in the chain of tasks that led here (a starts b starts \
                        a) is refused before anything runs.""")
                .param(ParamSpec.string("job", "The job file, relative to this job's file").asRequired())
                .param(ParamSpec.object("params", "The job's parameters").withDefault(java.util.Map.of()))
                .param(ParamSpec.string("message", "Its first message: this step's (\"pass\") or an empty one")
                        .withDefault("pass").withAllowed("pass", "empty"))
                .param(ParamSpec.bool("wait", "Wait for the task's end").withDefault(true))
                .param(ParamSpec.bool("failOnFailure", "With wait: a task that did not succeed fails the step").withDefault(true))
                .param(ParamSpec.bool("mergeOutput", "With wait: take the task's nodes, items and variables").withDefault(false))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws InterruptedException {
        var params = context.params();
        Message input = params.string("message").equals("pass")
                ? context.message().withOutputs(java.util.List.of()) : Message.empty();
        boolean wait = params.bool("wait");
        JobLauncher.JobRun run = context.jobs().start(params.string("job"),
                (ObjectNode) params.json("params").orElseGet(() -> JsonNodeFactory.instance.objectNode()), input, wait);
        ObjectNode output = JsonNodeFactory.instance.objectNode()
                .put("taskId", run.taskId()).put("jobId", run.jobId()).put("status", run.status());
        if (!wait) {
            return StepResult.ok(output);
        }
        output.put("error", run.error());
        output.set("output", run.output() == null ? JsonNodeFactory.instance.nullNode() : run.output().toJson());
        if (!run.status().equals("succeeded") && params.bool("failOnFailure")) {
            return StepResult.failed("task " + run.taskId() + " of job '" + run.jobId() + "' " + run.status()
                    + (run.error() == null ? "" : ": " + run.error()));
        }
        StepResult result = StepResult.ok(output);
        if (params.bool("mergeOutput") && run.output() != null) {
            Message merged = context.message().withNodes(run.output().nodes()).withItems(run.output().items());
            for (java.util.Map.Entry<String, JsonNode> var : run.output().vars().entrySet()) {
                merged = merged.withVar(var.getKey(), var.getValue());
            }
            result = result.withMessage(merged);
        }
        return result;
    }
}
