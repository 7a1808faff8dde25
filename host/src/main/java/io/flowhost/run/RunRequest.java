package io.flowhost.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.store.StepStatus;
import java.util.List;
import java.util.Objects;

/**
 * What starts a task: the first message and the job's parameters.
 *
 * @param input      the message the first step receives (its {@code event} says what triggered the run)
 * @param params     the job's parameters, already resolved against the job (defaults, types)
 * @param stopBefore a step before which the task stops, or {@code null} to run it all: the step is
 *                   recorded as {@link StepStatus#SKIPPED} with the message it would receive, listeners
 *                   hear {@link TaskListener#stoppedBefore}, and the task ends as cancelled
 * @param chain      the jobs whose tasks started this one, outermost first, as job ids; a job that is
 *                   in its own chain is refused (see {@link Runner#startChild})
 * @param taskId     the task's id when the store has the task already (queued, or recorded by the
 *                   caller), or {@code null} for a new id
 */
public record RunRequest(Message input, ObjectNode params, StepSelector stopBefore, List<String> chain, String taskId) {
    public RunRequest {
        Objects.requireNonNull(input, "input");
        params = params == null ? JsonNodeFactory.instance.objectNode() : params.deepCopy();
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    /** A request that no other task started. */
    public RunRequest(Message input, ObjectNode params, StepSelector stopBefore) {
        this(input, params, stopBefore, List.of(), null);
    }

    /**
     * @param input  the message the first step receives
     * @param params the job's parameters, resolved against the job
     */
    public RunRequest(Message input, ObjectNode params) {
        this(input, params, null);
    }

    /** @return a manual run with an empty message and no parameters */
    public static RunRequest manual() {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "manual");
        return new RunRequest(Message.empty().withEvent(event), null);
    }

    /** @return this request, stopping before {@code step} */
    public RunRequest withStopBefore(StepSelector step) {
        return new RunRequest(input, params, Objects.requireNonNull(step, "step"), chain, taskId);
    }

    /** @return this request, for the task of that id (which the store has) */
    public RunRequest withTaskId(String id) {
        return new RunRequest(input, params, stopBefore, chain, Objects.requireNonNull(id, "id"));
    }

    /** @return a private copy of the parameters */
    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }
}
