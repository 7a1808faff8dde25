package io.flowhost.plugins;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;

/** An action's descriptor as JSON, as {@code flowhost actions --json} and the API show it. */
public final class ActionJson {
    private ActionJson() {}

    /**
     * @return {@code {id, label, category, summary, description, origin, params: [{name, type,
     *         summary, required, default, allowed}]}}, a new object
     */
    public static ObjectNode describe(RegisteredAction action) {
        ActionDescriptor d = action.descriptor();
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("id", d.id())
                .put("label", d.label())
                .put("category", d.category())
                .put("summary", d.summary())
                .put("description", d.description())
                .put("origin", action.origin());
        ArrayNode params = json.putArray("params");
        for (ParamSpec p : d.params()) {
            ObjectNode param = params.addObject()
                    .put("name", p.name())
                    .put("type", p.type().jsonName())
                    .put("summary", p.summary())
                    .put("required", p.required());
            param.set("default", p.defaultValue());
            ArrayNode allowed = param.putArray("allowed");
            p.allowed().forEach(allowed::add);
        }
        return json;
    }
}
