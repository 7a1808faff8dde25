package io.flowhost.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Templates whose expressions are only simple paths such as {@code {{ node.name }}} or
 * {@code {{ vars.x.y }}}, read straight from the scope without entering the engine, with the
 * result JavaScript would give; anything else, or a path that would fail, goes to the engine.
 */
final class FastPath {
    private FastPath() {}

    /**
     * Reads a template that is only simple paths straight from the scope, or returns {@code null}
     * when the engine must evaluate it (anything else, or a path JavaScript would throw on).
     */
    static JsonNode render(Template template, Scope scope) {
        List<JsonNode> values = new ArrayList<>();
        for (Template.Part part : template.parts()) {
            if (!part.isExpression()) {
                continue;
            }
            JsonNode value = part.path() == null ? null : fastPath(part.path(), scope);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        if (template.single()) {
            JsonNode value = values.get(0);
            return value.isMissingNode() ? NullNode.getInstance() : value;
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (Template.Part part : template.parts()) {
            if (!part.isExpression()) {
                out.append(part.literal());
                continue;
            }
            JsonNode value = values.get(next++);
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            if (value.isNumber() && !value.isIntegralNumber()) {
                return null; // JavaScript's number formatting differs from Java's: let the engine print it
            }
            out.append(value.isValueNode() ? value.asText() : value.toString());
        }
        return TextNode.valueOf(out.toString());
    }

    static boolean truthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            return number != 0 && !Double.isNaN(number);
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return true;
    }

    /** @return the value, {@link MissingNode} for undefined, or {@code null} when the engine must decide */
    private static JsonNode fastPath(List<Object> path, Scope scope) {
        int next = 1;
        JsonNode current;
        String root = (String) path.get(0);
        Object first = path.size() > 1 ? path.get(1) : null;
        Message message = scope.message();
        // the common roots are read from the message directly, without building its JSON
        if (root.equals("node") && first instanceof String field && NODE_FIELDS.contains(field)) {
            current = message.nodes().isEmpty() ? MissingNode.getInstance() : nodeField(message.nodes().get(0), field);
            next = 2;
            if (current.isMissingNode() && message.nodes().isEmpty()) {
                return null; // JavaScript throws reading a property of undefined
            }
        } else if (root.equals("vars") && first instanceof String name) {
            current = message.var(name).orElse(MissingNode.getInstance());
            next = 2;
        } else if (root.equals("nodes") && "length".equals(first)) {
            current = JsonNodeFactory.instance.numberNode(message.nodes().size());
            next = 2;
        } else {
            current = root(root, scope);
        }
        for (int i = next; i < path.size(); i++) {
            Object step = path.get(i);
            if (current.isMissingNode() || current.isNull()) {
                return null; // JavaScript throws a TypeError here: let it say so
            }
            if (step instanceof String name) {
                if (name.equals("length") && current.isArray()) {
                    current = JsonNodeFactory.instance.numberNode(current.size());
                } else if (name.equals("length") && current.isTextual()
                        && current.textValue().codePointCount(0, current.textValue().length()) == current.textValue().length()) {
                    current = JsonNodeFactory.instance.numberNode(current.textValue().length());
                } else if (current.isObject()) {
                    current = current.path(name);
                } else {
                    return null; // properties of strings, numbers, arrays: JavaScript's business
                }
            } else {
                if (!current.isArray()) {
                    return null;
                }
                current = current.path((Integer) step);
            }
        }
        return current;
    }

    private static final Set<String> NODE_FIELDS = Set.of("path", "name", "size", "mtime", "meta");

    private static JsonNode nodeField(Node node, String field) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (field) {
            case "path" -> f.textNode(node.path());
            case "name" -> f.textNode(node.name());
            case "size" -> node.size() == null ? f.nullNode() : f.numberNode(node.size());
            case "mtime" -> node.mtime() == null ? f.nullNode() : f.textNode(node.mtime().toString());
            default -> node.meta();
        };
    }

    static JsonNode root(String name, Scope scope) {
        Message message = scope.message();
        return switch (name) {
            case "message" -> message.toJson();
            case "node" -> message.nodes().isEmpty() ? MissingNode.getInstance() : message.nodes().get(0).toJson();
            case "nodes" -> message.toJson().get("nodes");
            case "item" -> message.items().isEmpty() ? MissingNode.getInstance() : message.items().get(0);
            case "items" -> message.toJson().get("items");
            case "vars" -> message.toJson().get("vars");
            case "last" -> scope.last() != null ? scope.last()
                    : message.last().<JsonNode>map(io.flowhost.api.Output::toJson).orElse(MissingNode.getInstance());
            case "params" -> scope.params() == null ? JsonNodeFactory.instance.objectNode() : scope.params();
            case "event" -> message.event();
            default -> runJson(scope);
        };
    }

    private static ObjectNode runJson(Scope scope) {
        ObjectNode run = JsonNodeFactory.instance.objectNode();
        run.put("jobId", scope.run().jobId());
        run.put("taskId", scope.run().taskId());
        run.put("startedAt", scope.run().startedAt() == null ? null : scope.run().startedAt().toString());
        run.put("step", scope.run().step());
        return run;
    }

}
