package io.flowhost.script;

import io.flowhost.api.ActionContext;
import io.flowhost.api.StepResult;
import java.nio.file.Path;
import java.util.Set;

/**
 * An action built into the host that runs the job author's code: the runner calls it with the
 * template scope and the job's folder, and leaves its {@linkplain #rawParams() code parameters}
 * unrendered, since they are code, not templates.
 */
public interface ScriptStep {

    /** @return the parameters the runner passes on as written */
    Set<String> rawParams();

    /**
     * Runs the step.
     *
     * @param context      the step's context, with its parameters rendered but the raw ones
     * @param scope        what the code sees
     * @param jobDirectory the folder of the job file, for {@code file} parameters
     * @return the result
     * @throws Exception any failure, reported as the step's error
     */
    StepResult run(ActionContext context, Scope scope, Path jobDirectory) throws Exception;
}
