package io.flowhost.testkit;

import io.flowhost.api.Message;
import io.flowhost.api.StepResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of an action by {@link ActionTester}.
 *
 * @param result what the action returned
 * @param input  the message it was given
 * @param log       the lines it wrote to the task log, each prefixed with its level: {@code info: text},
 *                  {@code warn: text}, {@code error: text}
 * @param artifacts what it attached, by name: a JSON value as it is, a file as {@code {"file", "size"}}
 */
public record ActionRun(StepResult result, Message input, List<String> log, Map<String, JsonNode> artifacts) {
    public ActionRun {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(input, "input");
        log = List.copyOf(log);
        artifacts = Map.copyOf(artifacts);
    }

    /** @return the message the next step would receive, without the output entry the host appends */
    public Message message() {
        return result.changedMessage().orElse(input);
    }
}
