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
                .summary("Fails the step with a reason")
                .description("""
                        Always fails, with 'reason' as the step's error. Useful at the end of a filter's \
                        else branch, to stop a job on data it must not process, or to test onError.""")
                .param(ParamSpec.string("reason", "The error to report (templates allowed)")
                        .withDefault("failed by core.fail"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        return StepResult.failed(context.params().string("reason"));
    }
}
