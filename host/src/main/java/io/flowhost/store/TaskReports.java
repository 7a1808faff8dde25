package io.flowhost.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.flowhost.api.Message;
import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.util.List;
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
 *
 * <p>A report grows with the number of steps, not with its square: every output-chain entry is written
 * once, as its step's {@code output} (and in the task's {@code output}). A step's {@code input} is the
 * message it received with its chain {@linkplain #input referred to}, or {@code null} where the task did
 * not keep it (see {@link StepRecord#input()}). {@link #write} streams the report: its size never
 * has to fit in memory twice.
 */
public final class TaskReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskReports() {}

    /**
     * @param task a task
     * @return its report, a new object
     */
    public static ObjectNode toJson(TaskRecord task) {
        TokenBuffer buffer = new TokenBuffer(JSON, false);
        try {
            write(task, buffer);
            return JSON.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a task's report on one line, a step at a time.
     *
     * @param task a task
     * @param out  where; flushed, not closed
     * @throws IOException if {@code out} cannot be written
     */
    public static void write(TaskRecord task, Writer out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(task, json);
        }
    }

    /**
     * A step's input as a report shows it: the message, with its output chain as
     * {@code {"count": 3, "last": "each[2]/resize"}}: how many entries it has and the path of the step
     * that appended the last one. Each entry is its step's {@code output} in the same report; an empty
     * chain is {@code []}.
     *
     * @param input a step's input message
     * @return its JSON, a new object
     */
    public static ObjectNode input(Message input) {
        ObjectNode json = input.withOutputs(List.of()).toJson();
        int count = input.outputs().size();
        if (count > 0) {
            json.putObject("outputs").put("count", count).put("last", input.outputs().get(count - 1).step());
        }
        return json;
    }

    private static void write(TaskRecord task, JsonGenerator json) throws IOException {
        // Secret values that reached a message, an output or an error leave the host as ****.
        Secrets secrets = Secrets.current();
        JsonNodeFactory f = JsonNodeFactory.instance;
        json.writeStartObject();
        json.writeStringField("id", task.id());
        json.writeStringField("job", task.jobId());
        json.writeStringField("status", task.status().jsonName());
        json.writeStringField("startedAt", time(task.startedAt()));
        json.writeStringField("endedAt", time(task.endedAt()));
        json.writeStringField("error", secrets.mask(task.error()));
        json.writeArrayFieldStart("steps");
        for (StepRecord step : task.steps()) {
            ObjectNode s = f.objectNode();
            s.put("path", step.path());
            s.put("action", step.action());
            s.put("status", step.status().jsonName());
            s.set("input", step.input() == null ? f.nullNode() : input(step.input()));
            s.set("output", step.output() == null ? f.nullNode() : step.output().toJsonView());
            s.put("error", step.error());
            s.put("queuedAt", time(step.queuedAt()));
            s.put("startedAt", time(step.startedAt()));
            s.put("endedAt", time(step.endedAt()));
            JSON.writeTree(json, secrets.mask(s));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("logs");
        for (LogLine line : task.logs()) {
            json.writeStartObject();
            json.writeStringField("time", time(line.time()));
            json.writeStringField("level", line.level().jsonName());
            json.writeStringField("step", secrets.mask(line.step()));
            json.writeStringField("text", secrets.mask(line.text()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName("output");
        JSON.writeTree(json, task.output() == null ? f.nullNode() : secrets.mask(task.output().toJson()));
        json.writeArrayFieldStart("artifacts");
        for (Artifact artifact : task.artifacts()) {
            ObjectNode a = f.objectNode().put("step", artifact.step()).put("name", artifact.name());
            if (artifact.file() != null) {
                a.put("file", artifact.file().toString()).put("size", artifact.size());
            } else {
                a.set("json", artifact.json());
            }
            JSON.writeTree(json, secrets.mask(a));
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
