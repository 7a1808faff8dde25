package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** {@code data.items-to-nodes}. */
@Extension
public final class ItemsToNodesAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("data.items-to-nodes")
                .label("Items to nodes")
                .summary("Turns items that name files into nodes; the items' other fields go into meta")
                .description("""
                        Each item's 'pathField' becomes a node's path (its name the path's last part); 'size' \
                        and 'mtime' fields are taken as they are in the node format, every other field goes \
                        into the node's meta. An item without the field fails the step, naming its index. The \
                        items are cleared unless 'keepItems'.""")
                .param(ParamSpec.string("pathField", "The field holding the file's path").withDefault("path"))
                .param(ParamSpec.string("mode", "\"replace\" the message's nodes, or \"append\" to them")
                        .withDefault("replace").withAllowed("replace", "append"))
                .param(ParamSpec.bool("keepItems", "Keep the items as well").withDefault(false))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        String field = context.params().string("pathField");
        List<Node> nodes = new ArrayList<>();
        if (context.params().string("mode").equals("append")) {
            nodes.addAll(context.message().nodes());
        }
        List<JsonNode> items = context.message().items();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            JsonNode path = Json.at(item, field);
            if (!path.isTextual() || path.textValue().isBlank()) {
                throw new IllegalArgumentException("item " + i + " has no '" + field + "' text: " + item);
            }
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("path", path.textValue());
            ObjectNode meta = item.isObject() ? ((ObjectNode) item).deepCopy() : JsonNodeFactory.instance.objectNode();
            meta.remove(field);
            for (String known : List.of("size", "mtime", "name")) {
                if (meta.has(known)) {
                    json.set(known, meta.remove(known));
                }
            }
            if (meta.get("meta") instanceof ObjectNode inner) {
                meta.remove("meta");
                inner.properties().forEach(e -> meta.set(e.getKey(), e.getValue()));
            }
            json.set("meta", meta);
            try {
                nodes.add(Node.fromJson(json));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item " + i + ": " + e.getMessage());
            }
        }
        var message = context.message().withNodes(nodes);
        if (!context.params().bool("keepItems")) {
            message = message.withItems(List.of());
        }
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("count", items.size())).withMessage(message);
    }
}
