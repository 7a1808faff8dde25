package io.flowhost.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/** Copies JSON values so that no caller can change what an immutable type holds. */
final class JsonValues {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {}

    /** A private copy of {@code value}; Jackson's value nodes are immutable and shared as they are. */
    static JsonNode copy(JsonNode value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        return value.isContainerNode() ? value.deepCopy() : value;
    }

    /** Converts a plain Java value (String, Number, Boolean, List, Map, JsonNode) to JSON. */
    static JsonNode toJson(Object value) {
        if (value instanceof JsonNode node) {
            return copy(node);
        }
        return MAPPER.valueToTree(value);
    }
}
