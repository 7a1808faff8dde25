package io.flowhost.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import java.util.Objects;

/**
 * What starts a task: the first message and the job's parameters.
 *
 * @param input  the message the first step receives (its {@code event} says what triggered the run)
 * @param params the job's parameters, already resolved against the job (defaults, types)
 */
public record RunRequest(Message input, ObjectNode params) {
    public RunRequest {
        Objects.requireNonNull(input, "input");
        params = params == null ? JsonNodeFactory.instance.objectNode() : params.deepCopy();
    }

    /** @return a manual run with an empty message and no parameters */
    public static RunRequest manual() {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "manual");
        return new RunRequest(Message.empty().withEvent(event), null);
    }

    /** @return a private copy of the parameters */
    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }
}
