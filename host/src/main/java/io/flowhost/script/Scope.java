package io.flowhost.script;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import java.time.Instant;
import java.util.Objects;

/**
 * What a template or script sees: the message (as {@code message}, {@code node}, {@code nodes},
 * {@code item}, {@code items}, {@code vars}, {@code last}, {@code event}), the job's parameters
 * ({@code params}) and the run ({@code run}).
 *
 * @param message the step's input message
 * @param params  the job's parameters after run-time overrides
 * @param run     the run's identity
 * @param last    what {@code last} is instead of the newest output entry (the playground's previous
 *                result), or {@code null}
 * @param limits  the limits of evaluations in this scope, or {@code null} for the evaluator's defaults
 * @param contexts the sandbox contexts of the task or session evaluating, or {@code null} for a fresh
 *                 context per evaluation
 */
public record Scope(Message message, ObjectNode params, Run run, com.fasterxml.jackson.databind.JsonNode last,
        Limits limits, ScriptContexts contexts) {

    /**
     * {@code run} in templates.
     *
     * @param jobId     the job id
     * @param taskId    the task id
     * @param startedAt when the task started
     * @param step      the path of the step being evaluated
     */
    public record Run(String jobId, String taskId, Instant startedAt, String step) {}

    public Scope {
        Objects.requireNonNull(message, "message");
        params = params == null ? null : params.deepCopy();
        Objects.requireNonNull(run, "run");
    }

    /** A scope whose {@code last} is the message's newest output entry, as in every job step. */
    public Scope(Message message, ObjectNode params, Run run) {
        this(message, params, run, null, null, null);
    }

    /** A scope with {@code last} and limits of its own, evaluated in fresh contexts. */
    public Scope(Message message, ObjectNode params, Run run, com.fasterxml.jackson.databind.JsonNode last,
            Limits limits) {
        this(message, params, run, last, limits, null);
    }

    /** @return this scope with the given limits */
    public Scope withLimits(Limits limits) {
        return new Scope(message, params, run, last, limits, contexts);
    }

    /** @return this scope, evaluated in the given task's or session's contexts */
    public Scope withContexts(ScriptContexts contexts) {
        return new Scope(message, params, run, last, limits, contexts);
    }
}
