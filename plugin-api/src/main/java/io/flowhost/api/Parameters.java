package io.flowhost.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A step's parameters after evaluation: templates are rendered, defaults filled in and types
 * checked against the action's {@link ParamSpec}s, so an action may read a parameter of its own
 * descriptor with the accessor of its type without checking again. Immutable.
 */
public final class Parameters {
    private final ObjectNode values;

    private Parameters(ObjectNode values) {
        this.values = values;
    }

    /**
     * @param values the evaluated parameters by name; copied
     * @return the parameters
     */
    public static Parameters of(ObjectNode values) {
        return new Parameters(Objects.requireNonNull(values, "values").deepCopy());
    }

    /**
     * @param name a parameter name
     * @return whether the parameter is set to a value other than JSON {@code null}
     */
    public boolean has(String name) {
        JsonNode value = values.get(name);
        return value != null && !value.isNull();
    }

    /**
     * @param name a parameter name
     * @return a private copy of the value, or empty if it is not set
     */
    public Optional<JsonNode> json(String name) {
        return has(name) ? Optional.of(JsonValues.copy(values.get(name))) : Optional.empty();
    }

    /**
     * @param name a parameter name
     * @return the value as text: a string as it is, any other value as JSON
     * @throws IllegalArgumentException if the parameter is not set
     */
    public String string(String name) {
        JsonNode value = require(name);
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /**
     * @param name a parameter name
     * @return the value as text, or empty if it is not set
     */
    public Optional<String> optionalString(String name) {
        return has(name) ? Optional.of(string(name)) : Optional.empty();
    }

    /**
     * @param name a parameter name of type {@link ParamType#INTEGER}
     * @return its value
     * @throws IllegalArgumentException if it is not set or not a whole number
     */
    public long integer(String name) {
        JsonNode value = require(name);
        if (!value.canConvertToExactIntegral() && !(value.isTextual() && value.textValue().matches("-?\\d+"))) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be a whole number, not " + value);
        }
        return value.asLong();
    }

    /**
     * @param name a parameter name of type {@link ParamType#NUMBER}
     * @return its value
     * @throws IllegalArgumentException if it is not set or not a number
     */
    public double number(String name) {
        JsonNode value = require(name);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be a number, not " + value);
        }
        return value.asDouble();
    }

    /**
     * @param name a parameter name of type {@link ParamType#BOOLEAN}
     * @return its value
     * @throws IllegalArgumentException if it is not set or not a boolean
     */
    public boolean bool(String name) {
        JsonNode value = require(name);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be true or false, not " + value);
        }
        return value.booleanValue();
    }

    /**
     * @param name a parameter name of type {@link ParamType#DURATION}
     * @return its value, read by {@link Durations#parse(String)}
     * @throws IllegalArgumentException if it is not set or not a duration
     */
    public Duration duration(String name) {
        return Durations.parse(string(name));
    }

    /**
     * @param name a parameter name holding a string or an array of strings
     * @return the strings; one element for a single string
     * @throws IllegalArgumentException if it is not set
     */
    public List<String> strings(String name) {
        JsonNode value = require(name);
        if (!value.isArray()) {
            return List.of(string(name));
        }
        List<String> list = new ArrayList<>();
        value.forEach(element -> list.add(element.isTextual() ? element.textValue() : element.toString()));
        return List.copyOf(list);
    }

    /** @return all parameters as a new JSON object */
    public ObjectNode toJson() {
        return values.deepCopy();
    }

    private JsonNode require(String name) {
        if (!has(name)) {
            throw new IllegalArgumentException("Parameter '" + name + "' is not set");
        }
        return values.get(name);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
