package io.flowhost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withersLeaveTheOriginalAsItWas() {
        Message original = Message.empty().withVar("a", 1);
        Message changed = original.withVar("a", 2).withNodes(List.of(Node.of("/x/y.txt")));

        assertThat(original.var("a").orElseThrow().asInt()).isEqualTo(1);
        assertThat(original.nodes()).isEmpty();
        assertThat(changed.var("a").orElseThrow().asInt()).isEqualTo(2);
        assertThat(changed.nodes().get(0).name()).isEqualTo("y.txt");
    }

    @Test
    void jsonHandedOutIsACopy() throws Exception {
        ObjectNode value = (ObjectNode) JSON.readTree("{\"list\": [1]}");
        Message message = Message.empty().withVar("v", value).withItems(List.of(value));
        value.put("sneaky", true);
        ((ObjectNode) message.var("v").orElseThrow()).put("sneaky", true);
        ((ObjectNode) message.items().get(0)).put("sneaky", true);
        message.event().put("sneaky", true);

        assertThat(message.toJson().toString())
                .isEqualTo("{\"event\":{},\"nodes\":[],\"items\":[{\"list\":[1]}],\"vars\":{\"v\":{\"list\":[1]}},\"outputs\":[]}");
        assertThatThrownBy(() -> message.nodes().add(Node.of("/x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void jsonRoundTripKeepsEverything() throws Exception {
        JsonNode json = JSON.readTree("""
                {"event": {"type": "webhook"},
                 "nodes": [{"path": "/in/a.jpg", "name": "a.jpg", "size": 12, "mtime": "2026-07-14T09:12:44Z", "meta": {"k": 1}}],
                 "items": [{"user": "ada"}],
                 "vars": {"n": 2},
                 "outputs": [{"step": "s", "success": true, "string": "x", "json": null, "error": null, "time": "2026-07-14T09:12:45Z"}]}
                """);

        Message message = Message.fromJson(json);

        assertThat(message.toJson().toString()).isEqualTo(json.toString());
        assertThat(message.last().orElseThrow().string()).isEqualTo("x");
        assertThat(message.nodes().get(0).mtime()).isEqualTo(Instant.parse("2026-07-14T09:12:44Z"));
        assertThat(Message.fromJson(message.toJson())).isEqualTo(message);
    }

    @Test
    void malformedMessagesSayWhichField() throws Exception {
        assertThatThrownBy(() -> Message.fromJson(JSON.readTree("{\"node\": []}")))
                .hasMessage("unknown message field 'node' (expected event, nodes, items, vars, outputs)");
        assertThatThrownBy(() -> Message.fromJson(JSON.readTree("{\"nodes\": [{\"path\": \"/a\"}, {\"name\": \"b\"}]}")))
                .hasMessage("/nodes/1: a node needs a 'path' string");
        assertThatThrownBy(() -> Message.fromJson(JSON.readTree("{\"nodes\": [{\"path\": \"/a\", \"mtime\": \"yesterday\"}]}")))
                .hasMessage("/nodes/0: node 'mtime' must be an ISO-8601 instant, not 'yesterday'");
        assertThatThrownBy(() -> Message.fromJson(JSON.readTree("[]"))).hasMessage("a message must be a JSON object");
        assertThatThrownBy(() -> Message.fromJson(JSON.readTree("{\"items\": {}}"))).hasMessage("/items must be an array");
        // a step's input copied from a task report, whose chain is only referred to
        assertThatThrownBy(() -> Message.fromJson(JSON.readTree("{\"outputs\": {\"count\": 2, \"last\": \"greet\"}}")))
                .hasMessageStartingWith("/outputs refers to the output chain, as a step's input in a task report does")
                .hasMessageContaining("--dump-message");
    }

    @Test
    void stepResultsCarryOutputAndAChangedMessage() {
        StepResult ok = StepResult.ok("done").withMessage(Message.empty().withVars(Map.of()));

        assertThat(ok.success()).isTrue();
        assertThat(ok.changedMessage()).isPresent();
        assertThat(StepResult.failed("nope").error()).isEqualTo("nope");
        assertThatThrownBy(() -> new StepResult(false, null, null, null, null))
                .hasMessage("a failed result needs an error, a successful one has none");
    }
}
