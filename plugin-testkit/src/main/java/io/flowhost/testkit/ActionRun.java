package io.flowhost.testkit;

import io.flowhost.api.Message;
import io.flowhost.api.StepResult;
import java.util.List;
import java.util.Objects;

/**
 * One run of an action by {@link ActionTester}.
 *
 * @param result what the action returned
 * @param input  the message it was given
 * @param log    the lines it wrote to the task log, each prefixed with its level: {@code info: text},
 *               {@code warn: text}, {@code error: text}
 */
public record ActionRun(StepResult result, Message input, List<String> log) {
    public ActionRun {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(input, "input");
        log = List.copyOf(log);
    }

    /** @return the message the next step would receive, without the output entry the host appends */
    public Message message() {
        return result.changedMessage().orElse(input);
    }
}
