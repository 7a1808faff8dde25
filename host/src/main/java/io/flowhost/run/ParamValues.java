package io.flowhost.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Durations;
import io.flowhost.api.ParamSpec;
import io.flowhost.script.Expressions;
import io.flowhost.script.Scope;
import io.flowhost.script.TemplateException;
import java.util.Set;

/**
 * Turns a step's parameters as written into the values its action receives: the one place where
 * templates are rendered, defaults filled in and types checked.
 */
final class ParamValues {
    private ParamValues() {}

    /**
     * @param raw parameters passed on as written, never rendered (e.g. a script's code)
     * @throws StepError naming the parameter that could not be evaluated or has the wrong type
     */
    static ObjectNode evaluate(
            ActionDescriptor descriptor, ObjectNode written, Expressions expressions, Scope scope, Set<String> raw) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        for (java.util.Map.Entry<String, JsonNode> field : written.properties()) {
            String name = field.getKey();
            if (descriptor.param(name).isEmpty()) {
                throw new StepError("action '" + descriptor.id() + "' has no parameter '" + name + "'; it takes "
                        + descriptor.params().stream().map(ParamSpec::name).toList());
            }
        }
        for (ParamSpec spec : descriptor.params()) {
            JsonNode value = written.get(spec.name());
            if (value != null && !raw.contains(spec.name())) {
                try {
                    value = expressions.render(value, scope);
                } catch (TemplateException e) {
                    throw new StepError("parameter '" + spec.name() + "': " + e.located() + " in '" + e.source() + "'", e);
                }
            }
            if (value == null || value.isNull() || value.isMissingNode()) {
                if (spec.defaultValue() != null) {
                    values.set(spec.name(), spec.defaultValue());
                } else if (spec.required()) {
                    throw new StepError("parameter '" + spec.name() + "' is required");
                }
                continue;
            }
            JsonNode coerced = coerce(spec, value);
            if (!spec.allowed().isEmpty() && !spec.allowed().contains(coerced.asText())) {
                throw new StepError("parameter '" + spec.name() + "' must be one of " + spec.allowed() + ", not "
                        + value);
            }
            values.set(spec.name(), coerced);
        }
        return values;
    }

    /** Converts a rendered value to the parameter's type where the conversion loses nothing. */
    static JsonNode coerce(ParamSpec spec, JsonNode value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String text = value.isTextual() ? value.textValue().trim() : null;
        switch (spec.type()) {
            case STRING -> {
                return value.isTextual() ? value : TextNode.valueOf(value.isValueNode() ? value.asText() : value.toString());
            }
            case INTEGER -> {
                if (value.canConvertToExactIntegral()) {
                    return f.numberNode(value.longValue());
                }
                if (text != null && text.matches("-?\\d{1,18}")) {
                    return f.numberNode(Long.parseLong(text));
                }
            }
            case NUMBER -> {
                if (value.isNumber()) {
                    return value;
                }
                if (text != null) {
                    try {
                        return f.numberNode(new java.math.BigDecimal(text));
                    } catch (NumberFormatException e) {
                        // falls through to the type error below
                    }
                }
            }
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    return value;
                }
                if ("true".equals(text) || "false".equals(text)) {
                    return f.booleanNode(Boolean.parseBoolean(text));
                }
            }
            case DURATION -> {
                if (text != null) {
                    try {
                        Durations.parse(text);
                        return value;
                    } catch (IllegalArgumentException e) {
                        throw new StepError("parameter '" + spec.name() + "': " + e.getMessage());
                    }
                }
            }
            case ARRAY -> {
                if (value.isArray()) {
                    return value;
                }
            }
            case OBJECT -> {
                if (value.isObject()) {
                    return value;
                }
            }
            case ANY -> {
                return value;
            }
        }
        throw new StepError("parameter '" + spec.name() + "' must be " + article(spec.type().jsonName()) + ", not " + value);
    }

    private static String article(String type) {
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}
