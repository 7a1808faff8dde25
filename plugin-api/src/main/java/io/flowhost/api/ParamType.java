package io.flowhost.api;

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
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
