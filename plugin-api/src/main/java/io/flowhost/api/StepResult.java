package io.flowhost.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What an action returns: success or failure, its output, and optionally a changed message.
 *
 * <p>The host appends an {@link Output} entry built from this result to the message and passes
 * that message to the next step. The message is the action's input unless the result carries
 * another one ({@link #withMessage(Message)}), which is how an action adds nodes, items or
 * variables:
 *
 * <pre>{@code
 * return StepResult.ok(json).withMessage(context.message().withNodes(found));
 * }</pre>
 *
 * @param success whether the step succeeded
 * @param string  the text output, or {@code null}
 * @param json    the JSON output, or {@code null}
 * @param error   the failure reason, non-{@code null} exactly when {@code success} is false
 * @param message the message to pass on instead of the input, or {@code null} to pass the input on
 */
public record StepResult(boolean success, String string, JsonNode json, String error, Message message) {

    /**
     * Checks and copies the fields.
     *
     * @throws IllegalArgumentException if {@code error} is given with success or missing on failure
     */
    public StepResult {
        if (success == (error != null)) {
            throw new IllegalArgumentException("a failed result needs an error, a successful one has none");
        }
        json = json == null || json.isNull() ? null : JsonValues.copy(json);
    }

    /** @return a success without output */
    public static StepResult ok() {
        return new StepResult(true, null, null, null, null);
    }

    /**
     * @param string the text output
     * @return a success with a text output
     */
    public static StepResult ok(String string) {
        return new StepResult(true, Objects.requireNonNull(string, "string"), null, null, null);
    }

    /**
     * @param json the JSON output
     * @return a success with a JSON output
     */
    public static StepResult ok(JsonNode json) {
        return new StepResult(true, null, Objects.requireNonNull(json, "json"), null, null);
    }

    /**
     * @param reason why the step failed, shown in the task log and the output entry
     * @return a failure
     */
    public static StepResult failed(String reason) {
        return new StepResult(false, null, null, Objects.requireNonNull(reason, "reason"), null);
    }

    /**
     * @param message the message to pass on instead of the input
     * @return this result carrying {@code message}
     */
    public StepResult withMessage(Message message) {
        return new StepResult(success, string, json, error, Objects.requireNonNull(message, "message"));
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

    /** @return the message to pass on instead of the input, if any */
    public Optional<Message> changedMessage() {
        return Optional.ofNullable(message);
    }
}
