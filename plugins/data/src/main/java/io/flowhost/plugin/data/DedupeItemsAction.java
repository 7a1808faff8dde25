package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/** {@code data.dedupe-items}. */
@Extension
public final class DedupeItemsAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("data.dedupe-items")
                .label("Deduplicate items")
                .summary("Drops items that repeat an earlier one, whole or by some fields")
                .description("""
                        Keeps the first item of each distinct value of 'by' (a field, a dotted path or an array of \
                        them), or of each distinct item when 'by' is not given. The output is {"removed": n}.""")
                .param(ParamSpec.any("by", "A field or dotted path, or an array of them; by default the whole item"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        List<String> fields = context.params().has("by") ? context.params().strings("by") : List.of();
        Set<String> seen = new HashSet<>();
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode item : context.message().items()) {
            String key;
            if (fields.isEmpty()) {
                key = item.toString();
            } else {
                StringBuilder parts = new StringBuilder();
                fields.forEach(field -> parts.append(Json.at(item, field)).append('\u0000'));
                key = parts.toString();
            }
            if (seen.add(key)) {
                kept.add(item);
            }
        }
        int removed = context.message().items().size() - kept.size();
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("removed", removed))
                .withMessage(context.message().withItems(kept));
    }
}
