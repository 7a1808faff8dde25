package io.flowhost.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as the store keeps it: its summary, what it ran, its steps with their message snapshots,
 * its log, and the message it started and ended with. A snapshot larger than the store keeps is a
 * {@linkplain Snapshots marker} {@code {"truncated": true, "bytes": N, "text": "the first characters…"}}.
 *
 * @param summary its summary
 * @param job     the exact job it ran
 * @param params  the parameters it ran with
 * @param steps   its step records, in the order the runner reached them
 * @param logs    its log lines, in order
 * @param input   the message it started with (a marker if it was too large to keep)
 * @param output  the message it ended with (a marker if too large), or {@code null}
 */
public record StoredTask(TaskSummary summary, JobVersion job, ObjectNode params, List<Step> steps, List<LogLine> logs,
        JsonNode input, JsonNode output) {
    public StoredTask {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(job, "job");
        params = params.deepCopy();
        steps = List.copyOf(steps);
        logs = List.copyOf(logs);
        Objects.requireNonNull(input, "input");
    }

    /**
     * A step record as stored.
     *
     * @param path      the step's path
     * @param action    its action id, or {@code null}
     * @param status    how it ended
     * @param queuedAt  when the runner reached it
     * @param startedAt when its code started, or {@code null}
     * @param endedAt   when it ended
     * @param error     why it failed or stopped, or {@code null}
     * @param input     the message it received (a marker if too large)
     * @param output    its output-chain entry (a marker if too large), or {@code null}
     */
    public record Step(String path, String action, StepStatus status, Instant queuedAt, Instant startedAt,
            Instant endedAt, String error, JsonNode input, JsonNode output) {}

    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }

    /**
     * @return the message it started with, to run it again; empty when it was larger than the store
     *         keeps (its snapshot is a marker)
     */
    public Optional<Message> inputMessage() {
        return Snapshots.isMarker(input) ? Optional.empty() : Optional.of(Message.fromJson(input));
    }

    /**
     * The task's report, as {@link TaskReports} writes a task that has just run, with what the store
     * knows beyond it: {@code trigger}, {@code queuedAt}, {@code rerunOf}, {@code params}, {@code jobVersion},
     * {@code jobFile} and {@code input}.
     *
     * @return a new object
     */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        TaskSummary s = summary;
        ObjectNode json = f.objectNode();
        json.put("id", s.id());
        json.put("job", s.jobId());
        json.put("status", s.status().jsonName());
        json.put("trigger", s.trigger());
        json.put("queuedAt", time(s.queuedAt()));
        json.put("startedAt", time(s.startedAt()));
        json.put("endedAt", time(s.endedAt()));
        json.put("error", s.error());
        json.put("rerunOf", s.rerunOf());
        json.put("jobVersion", job.hash());
        json.put("jobFile", job.file());
        json.set("params", params());
        ArrayNode stepArray = json.putArray("steps");
        for (Step step : steps) {
            ObjectNode o = stepArray.addObject();
            o.put("path", step.path());
            o.put("action", step.action());
            o.put("status", step.status().jsonName());
            o.set("input", step.input() == null ? f.nullNode() : step.input());
            o.set("output", step.output() == null ? f.nullNode() : step.output());
            o.put("error", step.error());
            o.put("queuedAt", time(step.queuedAt()));
            o.put("startedAt", time(step.startedAt()));
            o.put("endedAt", time(step.endedAt()));
        }
        ArrayNode logArray = json.putArray("logs");
        for (LogLine line : logs) {
            logArray.addObject().put("time", time(line.time())).put("level", line.level().jsonName())
                    .put("step", line.step()).put("text", line.text());
        }
        json.set("input", input);
        json.set("output", output == null ? f.nullNode() : output);
        return json;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
