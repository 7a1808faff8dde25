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

/** {@code core.set}: sets variables of the message. */
@Extension
public final class SetAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.set")
                .label("Set variables")
                .summary("Sets message variables from an object of name: value")
                .description("""
                        Each entry of 'vars' becomes a variable of the message passed on (vars.NAME in \
                        templates), replacing a variable of the same name and keeping the others. Values \
                        are set as given, with their JSON type: templates in them are rendered before the \
                        action runs, and a value that is one {{ }} keeps the expression's type. The output \
                        is the object of variables that were set.""")
                .param(ParamSpec.object("vars", "The variables to set, e.g. {\"count\": 3, \"dest\": \"/out\"}").asRequired())
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
