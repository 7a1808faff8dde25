package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.flowhost.api.ActionContext;
import io.flowhost.api.Message;
import io.flowhost.api.StepResult;
import java.math.BigDecimal;

/** Small things the data actions share. */
final class Json {
    private Json() {}

    /** The value at a dotted path ({@code owner.name}); missing when a part is. */
    static JsonNode at(JsonNode value, String dotted) {
        JsonNode current = value;
        if (dotted.isEmpty()) {
            return current;
        }
        for (String part : dotted.split("\\.")) {
            current = current.isArray() && part.matches("\\d+") ? current.path(Integer.parseInt(part)) : current.path(part);
            if (current.isMissingNode()) {
                return MissingNode.getInstance();
            }
        }
        return current;
    }

    /** Numbers as numbers (numeric text too), text by code points, missing and null values last. */
    static int compare(JsonNode a, JsonNode b) {
        boolean aMissing = a.isMissingNode() || a.isNull();
        boolean bMissing = b.isMissingNode() || b.isNull();
        if (aMissing || bMissing) {
            return Boolean.compare(aMissing, bMissing);
        }
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return text(a).compareTo(text(b));
    }

    static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual() && value.textValue().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return new BigDecimal(value.textValue());
        }
        return null;
    }

    static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The result as output json, or, with the 'var' parameter, in that variable instead. */
    static StepResult result(ActionContext context, JsonNode value, Message message) {
        if (context.params().has("var")) {
            return StepResult.ok().withMessage(message.withVar(context.params().string("var"), value));
        }
        StepResult ok = value == null || value.isNull() || value.isMissingNode() ? StepResult.ok() : StepResult.ok(value);
        return message == context.message() ? ok : ok.withMessage(message);
    }
}
