package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import org.pf4j.Extension;

/** {@code data.merge}: JSON Merge Patch, RFC 7386. */
@Extension
public final class MergeAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("data.merge")
                .label("JSON merge")
                .summary("Merges 'patch' into 'target' (JSON Merge Patch, RFC 7386); the result is the output's json")
                .description("""
                        Objects merge key by key, recursively; a null in the patch removes the key; anything else \
                        (arrays included) replaces the target's value. With 'var' the result goes into that \
                        variable instead of the output.""")
                .param(ParamSpec.any("target", "The JSON to merge into").asRequired())
                .param(ParamSpec.any("patch", "The merge patch").asRequired())
                .param(ParamSpec.string("var", "Put the result into this variable instead of the output"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        JsonNode merged = merge(context.params().json("target").orElseThrow(), context.params().json("patch").orElseThrow());
        return Json.result(context, merged, context.message());
    }

    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        patch.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), merge(result.path(e.getKey()), e.getValue()));
            }
        });
        return result;
    }
}
