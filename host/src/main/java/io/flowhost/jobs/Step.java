package io.flowhost.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of a job's sequence. A step runs at most one of: an {@code action}, a fan-out
 * ({@code forEach} + {@code doSteps}), or branches ({@code parallel}); it may also, or only, hold a
 * {@code filter} whose rejects go to {@code elseSteps}.
 *
 * @param id         the step id, unique within the job
 * @param label      a human title, or {@code null}
 * @param action     the action id, or {@code null}
 * @param params     the action's parameters as written (templates not yet evaluated)
 * @param filter     a condition template, or {@code null}
 * @param elseSteps  the sequence that receives what the filter rejects
 * @param forEach    {@code nodes}, {@code items} or a template giving an array, or {@code null}
 * @param doSteps    the sequence run once per element of {@code forEach}
 * @param parallel   sequences run at once on the same message, or empty
 * @param timeout    the limit of the step's filter and of its action, each counted from its start, or
 *                   {@code null} for none
 * @param bypass     skip the action and pass the message on
 * @param breakAfter end the sequence after this step
 * @param onError    what a failure of this step does to its sequence
 * @param pointer    the JSON pointer of this step in its job file, e.g. {@code /steps/2}
 * @param limits     script limits overriding the job's, or {@code null}
 */
public record Step(
        String id,
        String label,
        String action,
        ObjectNode params,
        String filter,
        List<Step> elseSteps,
        String forEach,
        List<Step> doSteps,
        List<List<Step>> parallel,
        Duration timeout,
        boolean bypass,
        boolean breakAfter,
        OnError onError,
        String pointer,
        ObjectNode limits) {

    /** What a failed step does. */
    public enum OnError {
        /** The sequence stops and the task fails (the default). */
        FAIL,
        /** The failure is recorded in the output chain and the sequence goes on. */
        CONTINUE
    }

    public Step {
        Objects.requireNonNull(id, "id");
        params = params == null ? JsonNodeFactory.instance.objectNode() : params.deepCopy();
        elseSteps = List.copyOf(elseSteps);
        doSteps = List.copyOf(doSteps);
        parallel = parallel.stream().map(List::copyOf).toList();
        Objects.requireNonNull(onError, "onError");
        Objects.requireNonNull(pointer, "pointer");
    }

    /**
     * A plain action step, for tests and programmatic jobs.
     *
     * @param id     the step id
     * @param action the action id
     * @param params its parameters
     * @return the step
     */
    public static Step action(String id, String action, ObjectNode params) {
        return new Step(id, null, action, params, null, List.of(), null, List.of(), List.of(), null, false, false,
                OnError.FAIL, "", null);
    }

    /** @return a private copy of the parameters as written */
    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }

    /** @return the action id, if this step runs an action */
    public Optional<String> actionId() {
        return Optional.ofNullable(action);
    }
}
