package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** {@code data.nodes-to-items}. */
@Extension
public final class NodesToItemsAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("data.nodes-to-items")
                .label("Nodes to items")
                .summary("Turns nodes into items {path, name, size, mtime, meta}, e.g. to write them as CSV")
                .description("""
                        Each node becomes an item in the node format; with 'flatten' the node's meta fields sit \
                        beside path and name instead of under meta. The nodes are cleared unless 'keepNodes'.""")
                .param(ParamSpec.bool("flatten", "Put meta's fields at the top of each item").withDefault(false))
                .param(ParamSpec.string("mode", "\"replace\" the message's items, or \"append\" to them")
                        .withDefault("replace").withAllowed("replace", "append"))
                .param(ParamSpec.bool("keepNodes", "Keep the nodes as well").withDefault(false))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        boolean flatten = context.params().bool("flatten");
        List<JsonNode> items = new ArrayList<>();
        if (context.params().string("mode").equals("append")) {
            items.addAll(context.message().items());
        }
        for (Node node : context.message().nodes()) {
            var json = node.toJson();
            if (flatten) {
                var meta = (com.fasterxml.jackson.databind.node.ObjectNode) json.remove("meta");
                meta.properties().forEach(e -> json.putIfAbsent(e.getKey(), e.getValue()));
            }
            items.add(json);
        }
        var message = context.message().withItems(items);
        if (!context.params().bool("keepNodes")) {
            message = message.withNodes(List.of());
        }
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("count", context.message().nodes().size()))
                .withMessage(message);
    }
}
