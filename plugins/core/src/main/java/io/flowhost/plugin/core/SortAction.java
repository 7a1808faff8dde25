package io.flowhost.plugin.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pf4j.Extension;

/** {@code core.sort}: sorts the message's nodes or items by a key. */
@Extension
public final class SortAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.sort")
                .label("Sort nodes or items")
                .summary("Sorts the message's nodes or items by a key")
                .description("""
                        Sorts 'what' (nodes or items) by 'by', a key or a dotted path into each one: for nodes \
                        name, path, size, mtime or meta.KEY; for items any field, e.g. 'price' or 'owner.name'. \
                        Numbers compare as numbers, text as text (by Unicode code points), and elements without \
                        the key come last in either order. The sort is stable: equal elements keep their order.""")
                .param(ParamSpec.string("by", "The key or dotted path to sort by, e.g. size, meta.sha256, owner.name")
                        .asRequired())
                .param(ParamSpec.string("what", "Sort the message's nodes or its items")
                        .withDefault("nodes").withAllowed("nodes", "items"))
                .param(ParamSpec.string("order", "asc (smallest first) or desc").withDefault("asc").withAllowed("asc", "desc"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        String[] path = context.params().string("by").split("\\.");
        boolean descending = context.params().string("order").equals("desc");
        Comparator<JsonNode> byKey = (a, b) -> compare(a, b, descending);
        Message message = context.message();
        if (context.params().string("what").equals("nodes")) {
            List<Node> nodes = new ArrayList<>(message.nodes());
            nodes.sort(Comparator.comparing(node -> key(node.toJson(), path), byKey));
            return StepResult.ok().withMessage(message.withNodes(nodes));
        }
        List<JsonNode> items = new ArrayList<>(message.items());
        items.sort(Comparator.comparing(item -> key(item, path), byKey));
        return StepResult.ok().withMessage(message.withItems(items));
    }

    private static JsonNode key(JsonNode element, String[] path) {
        JsonNode value = element;
        for (String part : path) {
            value = value.path(part);
        }
        return value;
    }

    /** Missing and null keys last whatever the order; numbers before text; then ascending or descending. */
    private static int compare(JsonNode a, JsonNode b, boolean descending) {
        boolean aMissing = a.isMissingNode() || a.isNull() || a == MissingNode.getInstance();
        boolean bMissing = b.isMissingNode() || b.isNull();
        if (aMissing || bMissing) {
            return Boolean.compare(aMissing, bMissing);
        }
        int order;
        if (a.isNumber() && b.isNumber()) {
            order = a.decimalValue().compareTo(b.decimalValue());
        } else if (a.isNumber() != b.isNumber()) {
            order = a.isNumber() ? -1 : 1;
        } else {
            String aText = a.isValueNode() ? a.asText() : a.toString();
            String bText = b.isValueNode() ? b.asText() : b.toString();
            order = aText.compareTo(bText);
        }
        return descending ? -order : order;
    }
}
