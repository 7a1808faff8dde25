package io.flowhost.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a message's output chain: what one step produced. The host appends one entry per
 * step that ran an action; the newest entry is a template's {@code last}.
 *
 * @param step    the path of the step that produced it, e.g. {@code each[2]/upload}
 * @param success whether the step succeeded
 * @param string  the text output, or {@code null}
 * @param json    the JSON output, or {@code null}
 * @param error   the failure reason when {@code success} is false, else {@code null}
 * @param time    when the step ended
 */
public record Output(String step, boolean success, String string, JsonNode json, String error, Instant time) {

    /**
     * Checks and copies the fields.
     *
     * @throws NullPointerException if {@code step} or {@code time} is {@code null}
     */
    public Output {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(time, "time");
        json = json == null || json.isNull() ? null : JsonValues.copy(json);
    }

    /** @return a private copy of the JSON output, or {@code null} */
    @Override
    public JsonNode json() {
        return json == null ? null : JsonValues.copy(json);
    }

    /**
     * The JSON output itself, not a copy, for code that only reads it (the host, recording it). Never
     * change it: it is shared.
     *
     * @return the JSON output, or {@code null}
     */
    public JsonNode jsonView() {
        return json;
    }

    /** @return this entry as the JSON object of the message format */
    public ObjectNode toJson() {
        return toJson(true);
    }

    /**
     * This entry as JSON that shares the JSON output instead of copying it, for code that only writes
     * it out (the host, recording it). Never change what it holds.
     *
     * @return this entry as the JSON object of the message format
     */
    public ObjectNode toJsonView() {
        return toJson(false);
    }

    private ObjectNode toJson(boolean copy) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("step", step);
        out.put("success", success);
        out.put("string", string);
        out.set("json", json == null ? out.nullNode() : copy ? JsonValues.copy(json) : json);
        out.put("error", error);
        out.put("time", time.toString());
        return out;
    }

    /**
     * Reads an entry from the message format.
     *
     * @param json an object with {@code step}, {@code success} and optionally the other fields
     * @return the entry
     * @throws IllegalArgumentException if a field is missing or has the wrong type
     */
    public static Output fromJson(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("step").isTextual()) {
            throw new IllegalArgumentException("an output entry must be an object with a 'step' string");
        }
        JsonNode time = json.get("time");
        Instant at;
        try {
            at = time == null || time.isNull() ? Instant.EPOCH : Instant.parse(time.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("output 'time' must be an ISO-8601 instant, not '" + time.asText() + "'");
        }
        return new Output(
                json.get("step").asText(),
                json.path("success").asBoolean(true),
                textOrNull(json.get("string")),
                json.get("json"),
                textOrNull(json.get("error")),
                at);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
