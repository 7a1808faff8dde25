package io.flowhost.plugin.core;

import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Message;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** {@code core.clear}: empties parts of the message. */
@Extension
public final class ClearAction implements Action {
    private static final List<String> PARTS = List.of("nodes", "items", "outputs", "vars");

    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.clear")
                .label("Clear the message")
                .summary("Empties the nodes, items, outputs and/or variables of the message")
                .description("'what' names the parts to clear. Clearing outputs removes the chain before this step;"
                        + " this step's own output entry is still appended.")
                .param(ParamSpec.array("what", "Parts to clear: nodes, items, outputs, vars")
                        .withDefault(List.of("nodes", "items", "outputs")))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        List<String> what = context.params().strings("what");
        Message message = context.message();
        for (String part : what) {
            message = switch (part) {
                case "nodes" -> message.withNodes(List.of());
                case "items" -> message.withItems(List.of());
                case "outputs" -> message.withOutputs(List.of());
                case "vars" -> message.withVars(Map.of());
                default -> throw new IllegalArgumentException(
                        "cannot clear '" + part + "'; 'what' takes " + PARTS);
            };
        }
        return StepResult.ok("cleared " + String.join(", ", what)).withMessage(message);
    }
}
