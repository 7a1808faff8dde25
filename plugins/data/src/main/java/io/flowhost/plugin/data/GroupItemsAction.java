package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** {@code data.group-items}. */
@Extension
public final class GroupItemsAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("data.group-items")
                .label("Group items")
                .summary("Groups the items by a field: one item per group, {key, count, items}")
                .description("""
                        The items become one item per distinct value of 'by' (a dotted path), in the order the \
                        values are first seen: {"key": value, "count": n, "items": [...]}. Items without the \
                        field form the group whose key is null. The output maps each key (as text) to its count.""")
                .param(ParamSpec.string("by", "The field or dotted path to group by").asRequired())
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        String by = context.params().string("by");
        Map<String, ObjectNode> groups = new LinkedHashMap<>();
        for (JsonNode item : context.message().items()) {
            JsonNode key = Json.at(item, by);
            JsonNode normalKey = key.isMissingNode() ? JsonNodeFactory.instance.nullNode() : key;
            ObjectNode group = groups.computeIfAbsent(normalKey.toString(), k -> {
                ObjectNode created = JsonNodeFactory.instance.objectNode();
                created.set("key", normalKey);
                created.put("count", 0);
                created.putArray("items");
                return created;
            });
            ((ArrayNode) group.get("items")).add(item);
            group.put("count", group.get("count").asInt() + 1);
        }
        ObjectNode counts = JsonNodeFactory.instance.objectNode();
        groups.values().forEach(g -> counts.put(g.get("key").isNull() ? "null" : Json.text(g.get("key")), g.get("count").asInt()));
        List<JsonNode> items = new ArrayList<>(groups.values());
        return StepResult.ok(counts).withMessage(context.message().withItems(items));
    }
}
