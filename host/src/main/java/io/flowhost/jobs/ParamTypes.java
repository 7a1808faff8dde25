package io.flowhost.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Durations;
import io.flowhost.api.ParamType;
import java.math.BigDecimal;
import java.util.List;

/**
 * Checks a value against a parameter type, converting it where nothing is lost: numeric text to
 * numbers, {@code "true"}/{@code "false"} to booleans, scalars to text for strings. The one rule
 * for action parameters (after templates are rendered), job parameters and validation.
 */
public final class ParamTypes {
    private ParamTypes() {}

    /**
     * @param name  the parameter's name, for the message
     * @param type  its type
     * @param value a value, not {@code null}
     * @return the value converted to the type
     * @throws IllegalArgumentException e.g. {@code parameter 'limit' must be an integer, not "abc"}
     */
    public static JsonNode coerce(String name, ParamType type, JsonNode value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String text = value.isTextual() ? value.textValue().trim() : null;
        switch (type) {
            case STRING -> {
                return value.isTextual() ? value : TextNode.valueOf(value.isValueNode() ? value.asText() : value.toString());
            }
            case INTEGER -> {
                if (value.canConvertToExactIntegral() && value.canConvertToLong()) {
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
                if (text != null && text.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    return f.numberNode(new BigDecimal(text));
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
                        throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage());
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
        throw new IllegalArgumentException("parameter '" + name + "' must be " + article(type.jsonName()) + ", not " + value);
    }

    /**
     * @throws IllegalArgumentException if {@code allowed} is not empty and does not hold the value's text
     */
    public static void checkAllowed(String name, List<String> allowed, JsonNode value) {
        if (!allowed.isEmpty() && !allowed.contains(value.asText())) {
            throw new IllegalArgumentException("parameter '" + name + "' must be one of " + allowed + ", not " + value);
        }
    }

    private static String article(String type) {
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}
