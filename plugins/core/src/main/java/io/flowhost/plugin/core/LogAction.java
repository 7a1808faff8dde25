package io.flowhost.plugin.core;

import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import org.pf4j.Extension;

/** {@code core.log}: writes a message into the task log. */
@Extension
public final class LogAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.log")
                .label("Log a message")
                .summary("Writes a message into the task log and passes the input on")
                .param(ParamSpec.string("message", "The text to log (templates allowed)").asRequired())
                .param(ParamSpec.string("level", "Log level").withDefault("info").withAllowed("info", "warn", "error"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        String text = context.params().string("message");
        switch (context.params().string("level")) {
            case "warn" -> context.log().warn(text);
            case "error" -> context.log().error(text);
            default -> context.log().info(text);
        }
        return StepResult.ok(text);
    }
}
