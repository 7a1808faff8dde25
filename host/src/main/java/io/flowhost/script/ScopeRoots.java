package io.flowhost.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import java.util.Map;

/** The scope's names as JSON, each built from the message alone, without building the whole message. */
final class ScopeRoots {
    private ScopeRoots() {}

    /** @return the value of a scope name, {@link MissingNode} for undefined */
    static JsonNode root(String name, Scope scope) {
        Message message = scope.message();
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (name) {
            case "message" -> message.toJson();
            case "node" -> message.nodes().isEmpty() ? MissingNode.getInstance() : message.nodes().get(0).toJson();
            case "nodes" -> {
                ArrayNode nodes = f.arrayNode(message.nodes().size());
                for (Node node : message.nodes()) {
                    nodes.add(node.toJson());
                }
                yield nodes;
            }
            case "item" -> message.item(0).orElse(MissingNode.getInstance());
            case "items" -> f.arrayNode(message.items().size()).addAll(message.items());
            case "vars" -> {
                ObjectNode vars = f.objectNode();
                for (Map.Entry<String, JsonNode> variable : message.vars().entrySet()) {
                    vars.set(variable.getKey(), variable.getValue());
                }
                yield vars;
            }
            case "last" -> scope.last() != null ? scope.last()
                    : message.last().<JsonNode>map(io.flowhost.api.Output::toJson).orElse(MissingNode.getInstance());
            case "params" -> scope.params() == null ? f.objectNode() : scope.params();
            case "event" -> message.event();
            default -> run(scope);
        };
    }

    private static ObjectNode run(Scope scope) {
        ObjectNode run = JsonNodeFactory.instance.objectNode();
        run.put("jobId", scope.run().jobId());
        run.put("taskId", scope.run().taskId());
        run.put("startedAt", scope.run().startedAt() == null ? null : scope.run().startedAt().toString());
        run.put("step", scope.run().step());
        return run;
    }
}
