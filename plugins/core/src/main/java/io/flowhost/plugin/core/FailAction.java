package io.flowhost.plugin.core;

import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import org.pf4j.Extension;

/** {@code core.fail}: fails the step on purpose. */
@Extension
public final class FailAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.fail")
                .label("Fail")
                .summary("Fails the step with a reason (behind a filter, it stops a job on a condition)")
                .param(ParamSpec.string("reason", "Why the step fails").withDefault("failed by core.fail"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        return StepResult.failed(context.params().string("reason"));
    }
}
