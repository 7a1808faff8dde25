package io.flowhost.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/** The JSON type of an action parameter, checked by the host before the action runs. */
public enum ParamType {
    /** Any JSON string. */
    STRING,
    /** A whole number. */
    INTEGER,
    /** Any number. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A duration written as a number and a unit, e.g. {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}. */
    DURATION,
    /** A JSON array. */
    ARRAY,
    /** A JSON object. */
    OBJECT,
    /** Any JSON value. */
    ANY;

    /** @return the lowercase name used in job files, schemas and listings, e.g. {@code string} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Checks a value against this type, converting it where nothing is lost: numeric text to
     * numbers, {@code "true"}/{@code "false"} to booleans, scalars to text for strings. The host's
     * one rule for action parameters (after templates are rendered), job parameters and validation.
     *
     * @param name  the parameter's name, for the message
     * @param value a value, not {@code null}
     * @return the value converted to this type
     * @throws IllegalArgumentException e.g. {@code parameter 'limit' must be an integer, not "abc"}
     */
    public JsonNode coerce(String name, JsonNode value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        JsonNodeFactory f = JsonNodeFactory.instance;
        String text = value.isTextual() ? value.textValue().trim() : null;
        switch (this) {
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
        String type = jsonName();
        throw new IllegalArgumentException("parameter '" + name + "' must be "
                + ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type + ", not " + value);
    }
}
