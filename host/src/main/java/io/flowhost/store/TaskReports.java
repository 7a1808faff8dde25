package io.flowhost.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.script.helpers.Secrets;
import java.time.Instant;

/**
 * The JSON form of a task, as {@code flowhost run --json} prints it:
 *
 * <pre>{@code
 * {"id", "job", "status", "startedAt", "endedAt", "error",
 *  "steps": [{"path", "action", "status", "input", "output", "error", "queuedAt", "startedAt", "endedAt"}],
 *  "logs": [{"time", "level", "step", "text"}], "output",
 *  "artifacts": [{"step", "name", "json"} or {"step", "name", "file", "size"}]}
 * }</pre>
 *
 * where a step's {@code output} is its output-chain entry {@code {step, success, string, json, error, time}},
 * its {@code queuedAt} is when the runner reached it and {@code startedAt} when its code started after
 * any wait for a concurrency slot ({@code null} for a {@code skipped} step, which never started), and the
 * task's {@code output} is the message the job ended with.
 */
public final class TaskReports {
    private TaskReports() {}

    /**
     * @param task a task
     * @return its report, a new object
     */
    public static ObjectNode toJson(TaskRecord task) {
        // Secret values that reached a message, an output or an error leave the host as ****.
        return (ObjectNode) Secrets.current().mask(unmasked(task));
    }

    private static ObjectNode unmasked(TaskRecord task) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode json = f.objectNode();
        json.put("id", task.id());
        json.put("job", task.jobId());
        json.put("status", task.status().jsonName());
        json.put("startedAt", time(task.startedAt()));
        json.put("endedAt", time(task.endedAt()));
        json.put("error", task.error());
        ArrayNode steps = json.putArray("steps");
        for (StepRecord step : task.steps()) {
            ObjectNode s = steps.addObject();
            s.put("path", step.path());
            s.put("action", step.action());
            s.put("status", step.status().jsonName());
            s.set("input", step.input().toJson());
            s.set("output", step.output() == null ? f.nullNode() : step.output().toJson());
            s.put("error", step.error());
            s.put("queuedAt", time(step.queuedAt()));
            s.put("startedAt", time(step.startedAt()));
            s.put("endedAt", time(step.endedAt()));
        }
        ArrayNode logs = json.putArray("logs");
        for (LogLine line : task.logs()) {
            logs.addObject()
                    .put("time", time(line.time()))
                    .put("level", line.level().jsonName())
                    .put("step", line.step())
                    .put("text", line.text());
        }
        json.set("output", task.output() == null ? f.nullNode() : task.output().toJson());
        ArrayNode artifacts = json.putArray("artifacts");
        for (Artifact artifact : task.artifacts()) {
            ObjectNode a = artifacts.addObject().put("step", artifact.step()).put("name", artifact.name());
            if (artifact.file() != null) {
                a.put("file", artifact.file().toString()).put("size", artifact.size());
            } else {
                a.set("json", artifact.json());
            }
        }
        return json;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
