package io.flowhost.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowhost.api.ParamType;
import java.util.List;

/**
 * Checks a value against a parameter type: {@link ParamType#coerce}, the one rule for action
 * parameters (after templates are rendered), job parameters and validation, which plugin tests
 * apply too.
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
        return type.coerce(name, value);
    }

    /**
     * @throws IllegalArgumentException if {@code allowed} is not empty and does not hold the value's text
     */
    public static void checkAllowed(String name, List<String> allowed, JsonNode value) {
        io.flowhost.api.ParamSpec.checkAllowed(name, allowed, value);
    }
}
