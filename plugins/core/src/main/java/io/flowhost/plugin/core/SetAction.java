package io.flowhost.plugin.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Message;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.util.Map;
import org.pf4j.Extension;

/** {@code core.set}: sets variables. */
@Extension
public final class SetAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.set")
                .label("Set variables")
                .summary("Sets the variables of its 'vars' object, keeping the others")
                .description("Each entry of 'vars' becomes a variable of the message, read by later steps as"
                        + " vars.NAME. Values may be any JSON; strings may be templates. The output is the object of"
                        + " variables that were set.")
                .param(ParamSpec.object("vars", "Variables to set, by name").asRequired())
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        ObjectNode vars = (ObjectNode) context.params().json("vars").orElseThrow();
        Message message = context.message();
        for (Map.Entry<String, JsonNode> entry : vars.properties()) {
            message = message.withVar(entry.getKey(), entry.getValue());
        }
        return StepResult.ok(vars).withMessage(message);
    }
}
