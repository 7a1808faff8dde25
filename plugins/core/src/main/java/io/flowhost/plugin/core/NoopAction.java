package io.flowhost.plugin.core;

import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import org.pf4j.Extension;

/** {@code core.noop}: does nothing, as Cells' scheduler has it: a placeholder, or a filter's carrier. */
@Extension
public final class NoopAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.noop")
                .label("Do nothing")
                .summary("Passes the message on unchanged")
                .description("""
                        Does nothing and succeeds: a placeholder while a job is written, or a step that only \
                        carries a filter, a timeout or onError. 'note' is for readers of the job and is ignored.""")
                .param(ParamSpec.string("note", "A note for readers of the job; ignored"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        return StepResult.ok();
    }
}
