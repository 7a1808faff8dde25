package io.flowhost.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.script.Scope;
import io.flowhost.script.ScriptContexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The messages every benchmark works on: one file node each, of varied names and sizes. */
final class Fixtures {
    static final int MESSAGES = 10_000;

    private Fixtures() {}

    /** @return the messages' scopes, evaluated in the contexts of one long task (see {@link TaskBenchmark}) */
    static List<Scope> scopes(ScriptContexts task) {
        return scopes().stream().map(scope -> scope.withContexts(task)).toList();
    }

    static List<Scope> scopes() {
        List<Scope> scopes = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            Node node = new Node("/data/in/photo-" + i + ".jpg", "photo-" + i + ".jpg", 1000L + i * 997L,
                    Instant.parse("2026-07-14T09:12:44Z"), null);
            ObjectNode item = JsonNodeFactory.instance.objectNode().put("name", node.name()).put("size", node.size())
                    .put("count", i);
            scopes.add(new Scope(Message.empty().withNodes(List.of(node)).withItems(List.of(item)),
                    JsonNodeFactory.instance.objectNode(),
                    new Scope.Run("bench", "task", Instant.EPOCH, "step")));
        }
        return scopes;
    }
}
