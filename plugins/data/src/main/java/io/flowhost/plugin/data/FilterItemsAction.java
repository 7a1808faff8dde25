package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** {@code data.filter-items}: keeps the items whose field passes a comparison. */
@Extension
public final class FilterItemsAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("data.filter-items")
                .label("Filter items")
                .summary("Keeps the items whose field compares to a value; drops the others")
                .description("""
                        Compares each item's 'field' (a dotted path) to 'value' with 'op': eq, ne, gt, ge, lt, le \
                        (numbers and numeric text as numbers, else text), contains (text contains, or array holds), \
                        in ('value' is an array that holds the field), exists (the field is there and not null). \
                        A step's own 'filter' does the same with any expression; this one needs no script. The \
                        output is {"kept", "dropped"}.""")
                .param(ParamSpec.string("field", "The field or dotted path to test").asRequired())
                .param(ParamSpec.string("op", "The comparison").withDefault("eq")
                        .withAllowed("eq", "ne", "gt", "ge", "lt", "le", "contains", "in", "exists"))
                .param(ParamSpec.any("value", "What to compare with (not needed by exists)"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        String field = context.params().string("field");
        String op = context.params().string("op");
        JsonNode value = context.params().json("value").orElse(JsonNodeFactory.instance.nullNode());
        if (!op.equals("exists") && !context.params().has("value")) {
            throw new IllegalArgumentException("op '" + op + "' needs 'value'");
        }
        List<JsonNode> kept = new ArrayList<>();
        int dropped = 0;
        for (JsonNode item : context.message().items()) {
            if (passes(Json.at(item, field), op, value)) {
                kept.add(item);
            } else {
                dropped++;
            }
        }
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("kept", kept.size()).put("dropped", dropped))
                .withMessage(context.message().withItems(kept));
    }

    static boolean passes(JsonNode actual, String op, JsonNode value) {
        boolean present = !actual.isMissingNode() && !actual.isNull();
        return switch (op) {
            case "exists" -> present;
            case "eq" -> present && Json.compare(actual, value) == 0;
            case "ne" -> !present || Json.compare(actual, value) != 0;
            case "gt" -> present && Json.compare(actual, value) > 0;
            case "ge" -> present && Json.compare(actual, value) >= 0;
            case "lt" -> present && Json.compare(actual, value) < 0;
            case "le" -> present && Json.compare(actual, value) <= 0;
            case "contains" -> present && (actual.isArray()
                    ? contains(actual, value) : Json.text(actual).contains(Json.text(value)));
            case "in" -> present && value.isArray() && contains(value, actual);
            default -> throw new IllegalArgumentException("unknown op '" + op + "'");
        };
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (Json.compare(element, value) == 0) {
                return true;
            }
        }
        return false;
    }
}
