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
    static final List<String> PARTS = List.of("nodes", "items", "outputs", "vars");

    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.clear")
                .label("Clear the message")
                .summary("Empties nodes, items, outputs and/or variables of the message")
                .description("""
                        Passes on the message with the parts named in 'what' emptied: any of "nodes", \
                        "items", "outputs" (the output chain) and "vars". By default variables are kept. \
                        This step's own output entry is appended after the clearing.""")
                .param(ParamSpec.array("what", "The parts to clear: \"nodes\", \"items\", \"outputs\", \"vars\"")
                        .withDefault(List.of("nodes", "items", "outputs")))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        Message message = context.message();
        for (String part : context.params().strings("what")) {
            message = switch (part) {
                case "nodes" -> message.withNodes(List.of());
                case "items" -> message.withItems(List.of());
                case "outputs" -> message.withOutputs(List.of());
                case "vars" -> message.withVars(Map.of());
                default -> throw new IllegalArgumentException(
                        "Cannot clear '" + part + "': 'what' takes " + String.join(", ", PARTS));
            };
        }
        return StepResult.ok().withMessage(message);
    }
}
