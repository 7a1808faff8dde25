package io.flowhost.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One parameter of an action: its name, type and documentation, whether it is required, its
 * default and the values it allows.
 *
 * <p>Create one with a factory named after its type and refine it with the {@code with…}
 * methods, each of which returns a new spec:
 *
 * <pre>{@code
 * ParamSpec.string("level", "Log level").withDefault("info").withAllowed("info", "warn", "error")
 * }</pre>
 *
 * @param name         the name used in a step's {@code params}
 * @param type         the JSON type the host checks the evaluated value against
 * @param summary      one line of documentation
 * @param required     whether a step must give it; a required parameter has no default
 * @param defaultValue the value used when a step does not give one, or {@code null} for none
 * @param allowed      the only values allowed (compared as text), or empty for any value
 */
public record ParamSpec(
        String name, ParamType type, String summary, boolean required, JsonNode defaultValue, List<String> allowed) {

    /**
     * Checks and copies the fields.
     *
     * @throws NullPointerException     if any argument but {@code defaultValue} is {@code null}
     * @throws IllegalArgumentException if the name is blank, or a required parameter has a default
     */
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(summary, "summary");
        allowed = List.copyOf(allowed);
        defaultValue = defaultValue == null ? null : JsonValues.copy(defaultValue);
        if (name.isBlank()) {
            throw new IllegalArgumentException("Parameter name must not be blank");
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("Required parameter '" + name + "' cannot have a default");
        }
    }

    /**
     * An optional parameter with no default and no restriction on its values.
     *
     * @param name    the parameter name
     * @param type    its type
     * @param summary one line of documentation
     * @return the spec
     */
    public static ParamSpec of(String name, ParamType type, String summary) {
        return new ParamSpec(name, type, summary, false, null, List.of());
    }

    /** @return an optional {@link ParamType#STRING} parameter; see {@link #of} */
    public static ParamSpec string(String name, String summary) {
        return of(name, ParamType.STRING, summary);
    }

    /** @return an optional {@link ParamType#INTEGER} parameter; see {@link #of} */
    public static ParamSpec integer(String name, String summary) {
        return of(name, ParamType.INTEGER, summary);
    }

    /** @return an optional {@link ParamType#NUMBER} parameter; see {@link #of} */
    public static ParamSpec number(String name, String summary) {
        return of(name, ParamType.NUMBER, summary);
    }

    /** @return an optional {@link ParamType#BOOLEAN} parameter; see {@link #of} */
    public static ParamSpec bool(String name, String summary) {
        return of(name, ParamType.BOOLEAN, summary);
    }

    /** @return an optional {@link ParamType#DURATION} parameter; see {@link #of} */
    public static ParamSpec duration(String name, String summary) {
        return of(name, ParamType.DURATION, summary);
    }

    /** @return an optional {@link ParamType#ARRAY} parameter; see {@link #of} */
    public static ParamSpec array(String name, String summary) {
        return of(name, ParamType.ARRAY, summary);
    }

    /** @return an optional {@link ParamType#OBJECT} parameter; see {@link #of} */
    public static ParamSpec object(String name, String summary) {
        return of(name, ParamType.OBJECT, summary);
    }

    /** @return an optional {@link ParamType#ANY} parameter; see {@link #of} */
    public static ParamSpec any(String name, String summary) {
        return of(name, ParamType.ANY, summary);
    }

    /**
     * @return this spec, required
     * @throws IllegalArgumentException if it has a default
     */
    public ParamSpec asRequired() {
        return new ParamSpec(name, type, summary, true, defaultValue, allowed);
    }

    /**
     * @param value the default: a String, Number, Boolean, List, Map or Jackson {@link JsonNode}
     * @return this spec with a default value
     * @throws IllegalArgumentException if the spec is required
     */
    public ParamSpec withDefault(Object value) {
        return new ParamSpec(name, type, summary, required, JsonValues.toJson(value), allowed);
    }

    /**
     * @param values the only values allowed
     * @return this spec restricted to {@code values}
     */
    public ParamSpec withAllowed(String... values) {
        return new ParamSpec(name, type, summary, required, defaultValue, List.of(values));
    }

    /**
     * Checks a given value of this parameter as the host does before an action runs: converted to
     * its {@linkplain ParamType#coerce type}, then compared with the {@linkplain #allowed() allowed}
     * values.
     *
     * @param value the value, not {@code null} (a missing value is {@link ActionDescriptor#check}'s matter)
     * @return the value converted to the type
     * @throws IllegalArgumentException e.g. {@code parameter 'level' must be one of [info, warn], not "x"}
     */
    public JsonNode check(JsonNode value) {
        JsonNode coerced = type.coerce(name, value);
        checkAllowed(name, allowed, coerced);
        return coerced;
    }

    /**
     * @param name    the parameter's name, for the message
     * @param allowed the values allowed, or empty for any
     * @param value   the value
     * @throws IllegalArgumentException if {@code allowed} is not empty and does not hold the value's text
     */
    public static void checkAllowed(String name, List<String> allowed, JsonNode value) {
        if (!allowed.isEmpty() && !allowed.contains(value.asText())) {
            throw new IllegalArgumentException("parameter '" + name + "' must be one of " + allowed + ", not " + value);
        }
    }

    /** @return the default value as a private copy, or {@code null} when there is none */
    @Override
    public JsonNode defaultValue() {
        return defaultValue == null ? null : JsonValues.copy(defaultValue);
    }
}
