package io.flowhost.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Durations;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds job steps in tests, where a job file would hide what a test is about. */
final class StepSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String id;
    private String action;
    private ObjectNode params;
    private String filter;
    private List<Step> elseSteps = List.of();
    private String forEach;
    private List<Step> doSteps = List.of();
    private final List<List<Step>> parallel = new ArrayList<>();
    private Duration timeout;
    private boolean bypass;
    private boolean breakAfter;
    private Step.OnError onError = Step.OnError.FAIL;

    private StepSpec(String id) {
        this.id = id;
    }

    static StepSpec step(String id) {
        return new StepSpec(id);
    }

    static Job job(int maxConcurrency, String timeout, Step... steps) {
        return new Job("test-job", "Test job", "", List.of(), List.of(steps), maxConcurrency,
                timeout == null ? null : Durations.parse(timeout), null, null, List.of(), null);
    }

    static Job job(Step... steps) {
        return job(4, null, steps);
    }

    StepSpec action(String action, String paramsJson) {
        this.action = action;
        try {
            this.params = (ObjectNode) JSON.readTree(paramsJson);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    StepSpec action(String action) {
        return action(action, "{}");
    }

    StepSpec filter(String filter, Step... elseSteps) {
        this.filter = filter;
        this.elseSteps = List.of(elseSteps);
        return this;
    }

    StepSpec forEach(String forEach, Step... doSteps) {
        this.forEach = forEach;
        this.doSteps = List.of(doSteps);
        return this;
    }

    StepSpec branch(Step... steps) {
        parallel.add(List.of(steps));
        return this;
    }

    StepSpec timeout(String timeout) {
        this.timeout = Durations.parse(timeout);
        return this;
    }

    StepSpec bypass() {
        this.bypass = true;
        return this;
    }

    StepSpec breakAfter() {
        this.breakAfter = true;
        return this;
    }

    StepSpec continueOnError() {
        this.onError = Step.OnError.CONTINUE;
        return this;
    }

    Step build() {
        return new Step(id, null, action, params, filter, elseSteps, forEach, doSteps, parallel, timeout, bypass,
                breakAfter, onError, "", null);
    }
}
