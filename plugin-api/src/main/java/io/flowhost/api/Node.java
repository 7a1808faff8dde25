package io.flowhost.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A file that a message carries, as {@code nodes[i]}.
 *
 * @param path  the file's path, absolute or relative to the host's working directory
 * @param name  the file name, by default the last segment of the path
 * @param size  the size in bytes, or {@code null} when unknown (e.g. a folder or a missing file)
 * @param mtime the last modification time, or {@code null} when unknown
 * @param meta  free metadata, a JSON object (never {@code null}; empty by default)
 */
public record Node(String path, String name, Long size, Instant mtime, ObjectNode meta) {

    /**
     * Checks and copies the fields.
     *
     * @throws NullPointerException if {@code path} or {@code name} is {@code null}
     */
    public Node {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        meta = meta == null ? JsonNodeFactory.instance.objectNode() : meta.deepCopy();
    }

    /**
     * A node known only by its path.
     *
     * @param path the file's path
     * @return a node named after the path's last segment, without size, time or metadata
     */
    public static Node of(String path) {
        return new Node(path, nameOf(path), null, null, null);
    }

    /** @return a private copy of the metadata */
    @Override
    public ObjectNode meta() {
        return meta.deepCopy();
    }

    /**
     * @param meta new metadata
     * @return this node with {@code meta} instead of its metadata
     */
    public Node withMeta(ObjectNode meta) {
        return new Node(path, name, size, mtime, meta);
    }

    /** @return this node as the JSON object of the message format */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("path", path);
        json.put("name", name);
        if (size != null) {
            json.put("size", size);
        } else {
            json.putNull("size");
        }
        if (mtime != null) {
            json.put("mtime", mtime.toString());
        } else {
            json.putNull("mtime");
        }
        json.set("meta", meta.deepCopy());
        return json;
    }

    /**
     * Reads a node from the message format.
     *
     * @param json an object with {@code path} and optionally {@code name}, {@code size},
     *             {@code mtime} (ISO-8601) and {@code meta}
     * @return the node
     * @throws IllegalArgumentException if a field is missing or has the wrong type
     */
    public static Node fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a node must be an object with a 'path'");
        }
        JsonNode path = json.get("path");
        if (path == null || !path.isTextual()) {
            throw new IllegalArgumentException("a node needs a 'path' string");
        }
        JsonNode name = json.get("name");
        JsonNode size = json.get("size");
        JsonNode mtime = json.get("mtime");
        JsonNode meta = json.get("meta");
        if (size != null && !size.isNull() && !size.canConvertToLong()) {
            throw new IllegalArgumentException("node 'size' must be a whole number");
        }
        if (meta != null && !meta.isNull() && !meta.isObject()) {
            throw new IllegalArgumentException("node 'meta' must be an object");
        }
        Instant time;
        try {
            time = mtime == null || mtime.isNull() ? null : Instant.parse(mtime.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("node 'mtime' must be an ISO-8601 instant, not '" + mtime.asText() + "'");
        }
        return new Node(
                path.asText(),
                name == null || name.isNull() ? nameOf(path.asText()) : name.asText(),
                size == null || size.isNull() ? null : size.asLong(),
                time,
                meta == null || meta.isNull() ? null : (ObjectNode) meta);
    }

    private static String nameOf(String path) {
        String trimmed = path.replaceAll("[/\\\\]+$", "");
        int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        return slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
    }
}
