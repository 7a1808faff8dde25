package io.flowhost.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import java.time.Instant;
import java.util.Objects;

/**
 * A task as it is made: everything needed to run it, now or after a restart, and to run it again.
 *
 * @param id       the task id ({@link TaskIds#next()})
 * @param jobId    the job's id
 * @param job      the exact job it runs
 * @param trigger  what made it: {@code manual}, {@code schedule}, {@code webhook}, {@code file} or
 *                 {@code task} (its message's {@code event.type})
 * @param params   the job's parameters, resolved
 * @param input    the message its first step receives
 * @param rerunOf  the task it runs again, or {@code null}
 * @param queuedAt when it was made
 */
public record NewTask(String id, String jobId, JobVersion job, String trigger, ObjectNode params, Message input,
        String rerunOf, Instant queuedAt) {
    public NewTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(trigger, "trigger");
        params = params == null ? JsonNodeFactory.instance.objectNode() : params.deepCopy();
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(queuedAt, "queuedAt");
    }

    /**
     * A task made now with a new id; its trigger is its message's {@code event.type} ({@code manual} when it has none).
     */
    public static NewTask of(String jobId, JobVersion job, ObjectNode params, Message input) {
        String trigger = input.event().path("type").asText("manual");
        Instant now = Instant.now();
        return new NewTask(TaskIds.next(now), jobId, job, trigger.isEmpty() ? "manual" : trigger, params, input, null, now);
    }

    /** @return this task as a rerun of {@code original} */
    public NewTask rerunning(String original) {
        return new NewTask(id, jobId, job, trigger, params, input, Objects.requireNonNull(original, "original"), queuedAt);
    }

    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }
}
