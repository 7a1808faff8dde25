package io.flowhost.script;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import java.util.Collection;
import java.util.Map;

/** Writes the scope that code sees as JSON text, straight from the message. */
final class ScopeWriter {
    static final ObjectMapper JSON = new ObjectMapper();

    private ScopeWriter() {}

    /**
     * The scope as JSON text, with only the names the code uses, written straight from the message
     * (this runs once per evaluation: no intermediate tree of the message or its nodes).
     */
    static String scopeJson(Scope scope, Collection<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        java.io.StringWriter text = new java.io.StringWriter(256);
        try (JsonGenerator out = JSON.getFactory().createGenerator(text)) {
            if (names.size() == 1) {
                // the value itself, as functionSource declares it; undefined when it is missing
                if (!writeScopeValue(out, names.iterator().next(), scope, false)) {
                    return null;
                }
            } else {
                out.writeStartObject();
                for (String name : names) {
                    writeScopeValue(out, name, scope, true);
                }
                out.writeEndObject();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Writes one scope value, as a field of the scope object when {@code field}.
     *
     * @return {@code false} when the value is missing (then nothing is written)
     */
    private static boolean writeScopeValue(JsonGenerator out, String name, Scope scope, boolean field)
            throws java.io.IOException {
        Message message = scope.message();
        JsonNode other = switch (name) {
            case "node", "nodes", "items", "vars" -> null;
            default -> ScopeRoots.root(name, scope);
        };
        if (name.equals("node") ? message.nodes().isEmpty() : other != null && other.isMissingNode()) {
            return false;
        }
        if (field) {
            out.writeFieldName(name);
        }
        switch (name) {
            case "node" -> writeNode(out, message.nodes().get(0));
            case "nodes" -> {
                out.writeStartArray();
                for (Node node : message.nodes()) {
                    writeNode(out, node);
                }
                out.writeEndArray();
            }
            case "items" -> {
                out.writeStartArray();
                for (JsonNode item : message.items()) {
                    JSON.writeTree(out, item);
                }
                out.writeEndArray();
            }
            case "vars" -> {
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> variable : message.vars().entrySet()) {
                    out.writeFieldName(variable.getKey());
                    JSON.writeTree(out, variable.getValue());
                }
                out.writeEndObject();
            }
            default -> JSON.writeTree(out, other);
        }
        return true;
    }

    /** A node as {@link Node#toJson()} has it. */
    private static void writeNode(JsonGenerator out, Node node) throws java.io.IOException {
        out.writeStartObject();
        out.writeStringField("path", node.path());
        out.writeStringField("name", node.name());
        if (node.size() == null) {
            out.writeNullField("size");
        } else {
            out.writeNumberField("size", node.size().longValue());
        }
        out.writeStringField("mtime", node.mtime() == null ? null : node.mtime().toString());
        out.writeFieldName("meta");
        JSON.writeTree(out, node.meta());
        out.writeEndObject();
    }

}
