package io.flowhost.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plugin's section of the host configuration: what the host's operator decides and jobs must not,
 * such as the folders the {@code files} plugin may touch, the commands {@code shell} may run, or the
 * SMTP servers {@code mail} may use. An action reads it through {@link ActionContext#settings()};
 * plugins never read the host's files themselves.
 *
 * <p>The section is the JSON object under {@code plugins.<plugin id>} of the host configuration
 * file, with every {@code {"secret": "NAME"}} object in it already replaced by the secret's value
 * (whose text the host then masks in reports, logs and errors). Each plugin documents the keys it
 * reads and their defaults. Immutable and thread-safe.
 */
public final class HostSettings {
    private static final HostSettings EMPTY = new HostSettings(JsonNodeFactory.instance.objectNode());

    private final ObjectNode json;

    private HostSettings(ObjectNode json) {
        this.json = json;
    }

    /**
     * @param json the section; copied
     * @return the settings
     */
    public static HostSettings of(ObjectNode json) {
        return new HostSettings(Objects.requireNonNull(json, "json").deepCopy());
    }

    /** @return settings with nothing in them: every plugin's defaults apply */
    public static HostSettings empty() {
        return EMPTY;
    }

    /** @return the whole section as a new JSON object */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /**
     * @param key a key of the section
     * @return a private copy of its value, or empty when it is missing or JSON {@code null}
     */
    public Optional<JsonNode> get(String key) {
        JsonNode value = json.get(Objects.requireNonNull(key, "key"));
        return value == null || value.isNull() ? Optional.empty() : Optional.of(JsonValues.copy(value));
    }

    /**
     * @param key a key of the section
     * @return its value as text (a string as it is, anything else as JSON), or empty when it is missing
     */
    public Optional<String> string(String key) {
        return get(key).map(value -> value.isTextual() ? value.textValue() : value.toString());
    }

    /**
     * @param key a key holding a string or an array of strings
     * @return the strings; one element for a single string, none when the key is missing
     */
    public List<String> strings(String key) {
        Optional<JsonNode> value = get(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            return List.of(string(key).orElseThrow());
        }
        List<String> list = new ArrayList<>();
        value.get().forEach(element -> list.add(element.isTextual() ? element.textValue() : element.toString()));
        return List.copyOf(list);
    }

    /**
     * @param key a key holding an object
     * @return that object as settings, or empty settings when the key is missing or not an object
     */
    public HostSettings section(String key) {
        JsonNode value = json.get(Objects.requireNonNull(key, "key"));
        return value != null && value.isObject() ? new HostSettings((ObjectNode) value.deepCopy()) : EMPTY;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostSettings that && json.equals(that.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /** The JSON text: it may hold secret values, so the host never prints it unmasked. */
    @Override
    public String toString() {
        return json.toString();
    }
}
