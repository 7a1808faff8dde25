package io.flowhost.plugin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.api.Action;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.api.StepResult;
import io.flowhost.testkit.ActionRun;
import io.flowhost.testkit.ActionTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataActionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ActionRun run(Action action, Message message, String params) throws Exception {
        return ActionTester.of(action).withSettings("{\"roots\": [\"" + root + "\"]}").withMessage(message).run(params);
    }

    private static Message items(String json) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(json).forEach(items::add);
        return Message.empty().withItems(items);
    }

    private static String itemsOf(ActionRun run) {
        return JSON.valueToTree(run.message().items()).toString();
    }

    @Test
    void csvWithAHeaderQuotesAndAnotherDelimiterBecomesItems() throws Exception {
        Files.writeString(root.resolve("rows.csv"), "name;note\nada;\"likes; semicolons\"\nbo;\"says \"\"hi\"\"\ntwice\"\n");

        ActionRun run = run(new CsvToItemsAction(), Message.empty(), "{\"path\": \"rows.csv\", \"delimiter\": \";\"}");

        assertThat(itemsOf(run)).isEqualTo("[{\"name\":\"ada\",\"note\":\"likes; semicolons\"},"
                + "{\"name\":\"bo\",\"note\":\"says \\\"hi\\\"\\ntwice\"}]");
        assertThat(itemsOf(run(new CsvToItemsAction(), Message.empty(), "{\"text\": \"1,2\\n3,4\", \"header\": false}")))
                .isEqualTo("[[\"1\",\"2\"],[\"3\",\"4\"]]");
        assertThat(itemsOf(run(new CsvToItemsAction(), Message.empty(),
                "{\"text\": \"1,2\", \"header\": false, \"columns\": [\"a\", \"b\"]}"))).isEqualTo("[{\"a\":\"1\",\"b\":\"2\"}]");
    }

    @Test
    void itemsBecomeCsvTextOrAFileAndReadBackTheSame() throws Exception {
        Message input = items("[{\"name\": \"ada\", \"note\": \"a, b\"}, {\"name\": \"bo\", \"tags\": [1, 2]}]");

        assertThat(run(new ItemsToCsvAction(), input, "{}").result().string())
                .isEqualTo("name,note,tags\nada,\"a, b\",\nbo,,\"[1,2]\"\n");
        ActionRun written = run(new ItemsToCsvAction(), input, "{\"to\": \"out/people.csv\", \"columns\": [\"name\", \"note\"]}");
        assertThat(written.message().nodes()).extracting(Node::name).containsExactly("people.csv");
        ActionRun back = run(new CsvToItemsAction(), Message.empty(), "{\"path\": \"out/people.csv\"}");
        assertThat(itemsOf(back)).isEqualTo("[{\"name\":\"ada\",\"note\":\"a, b\"},{\"name\":\"bo\",\"note\":\"\"}]");
        assertThatThrownBy(() -> run(new CsvToItemsAction(), Message.empty(), "{\"path\": \"../x.csv\"}"))
                .hasMessage("path '../x.csv' is refused: '..' is not allowed (roots: [" + root + "])");
    }

    @Test
    void jsonPathQueriesTheGivenJsonOrTheMessage() throws Exception {
        Message input = items("[{\"name\": \"a\", \"price\": 5}, {\"name\": \"b\", \"price\": 15}]");

        assertThat(run(new QueryAction(), input, "{\"path\": \"$.items[?(@.price > 10)].name\"}").result().json().toString())
                .isEqualTo("[\"b\"]");
        assertThat(run(new QueryAction(), input, "{\"path\": \"$.a.b\", \"json\": {\"a\": {\"b\": 3}}, \"var\": \"x\"}")
                .message().var("x").orElseThrow().asInt()).isEqualTo(3);
        assertThat(run(new QueryAction(), input, "{\"path\": \"$.items.length()\"}").result().json().asInt()).isEqualTo(2);
        assertThatThrownBy(() -> run(new QueryAction(), input, "{\"path\": \"$[?(\"}")).hasMessageStartingWith("'$[?(' is not a JSONPath: ");
    }

    @Test
    void mergeAndPatchFollowTheirRfcs() throws Exception {
        assertThat(run(new MergeAction(), Message.empty(),
                "{\"target\": {\"a\": 1, \"b\": {\"c\": 2, \"d\": 3}, \"e\": [1]}, \"patch\": {\"b\": {\"d\": null, \"f\": 4}, \"e\": [2]}}")
                .result().json().toString()).isEqualTo("{\"a\":1,\"b\":{\"c\":2,\"f\":4},\"e\":[2]}");
        assertThat(run(new PatchAction(), Message.empty(), "{\"target\": {\"a\": 1, \"l\": [1]}, \"patch\": ["
                + "{\"op\": \"replace\", \"path\": \"/a\", \"value\": 2}, {\"op\": \"add\", \"path\": \"/l/-\", \"value\": 9},"
                + "{\"op\": \"test\", \"path\": \"/a\", \"value\": 2}]}").result().json().toString())
                .isEqualTo("{\"a\":2,\"l\":[1,9]}");
        StepResult failed = run(new PatchAction(), Message.empty(),
                "{\"target\": {\"a\": 1}, \"patch\": [{\"op\": \"test\", \"path\": \"/a\", \"value\": 2}]}").result();
        assertThat(failed.success()).isFalse();
        assertThat(failed.error()).startsWith("JSON Patch: ");
    }

    @Test
    void itemsAreSortedFilteredGroupedAndDeduplicated() throws Exception {
        Message input = items("[{\"id\": 1, \"kind\": \"b\", \"n\": \"10\"}, {\"id\": 2, \"kind\": \"a\", \"n\": 9},"
                + " {\"id\": 3, \"kind\": \"b\"}, {\"id\": 1, \"kind\": \"b\", \"n\": \"10\"}]");

        assertThat(run(new SortItemsAction(), input, "{\"by\": \"n\"}").message().items())
                .extracting(i -> i.get("id").asInt()).containsExactly(2, 1, 1, 3);
        assertThat(run(new SortItemsAction(), input, "{\"by\": [\"kind\", \"id\"], \"order\": \"desc\"}").message().items())
                .extracting(i -> i.get("id").asInt()).containsExactly(3, 1, 1, 2);
        ActionRun filtered = run(new FilterItemsAction(), input, "{\"field\": \"n\", \"op\": \"ge\", \"value\": 10}");
        assertThat(filtered.message().items()).extracting(i -> i.get("id").asInt()).containsExactly(1, 1);
        assertThat(filtered.result().json().toString()).isEqualTo("{\"kept\":2,\"dropped\":2}");
        assertThat(run(new FilterItemsAction(), input, "{\"field\": \"kind\", \"op\": \"in\", \"value\": [\"a\"]}")
                .message().items()).hasSize(1);
        ActionRun grouped = run(new GroupItemsAction(), input, "{\"by\": \"kind\"}");
        assertThat(grouped.result().json().toString()).isEqualTo("{\"b\":3,\"a\":1}");
        assertThat(grouped.message().items().get(1).toString())
                .isEqualTo("{\"key\":\"a\",\"count\":1,\"items\":[{\"id\":2,\"kind\":\"a\",\"n\":9}]}");
        assertThat(run(new DedupeItemsAction(), input, "{}").message().items()).hasSize(3);
        assertThat(run(new DedupeItemsAction(), input, "{\"by\": \"kind\"}").result().json().toString()).isEqualTo("{\"removed\":2}");
    }

    @Test
    void itemsBecomeNodesAndNodesItems() throws Exception {
        Message input = items("[{\"path\": \"/data/a.pdf\", \"size\": 12, \"owner\": \"ada\"}]");

        ActionRun nodes = run(new ItemsToNodesAction(), input, "{}");
        assertThat(nodes.message().nodes()).singleElement().satisfies(node -> {
            assertThat(node.name()).isEqualTo("a.pdf");
            assertThat(node.size()).isEqualTo(12L);
            assertThat(node.meta().get("owner").asText()).isEqualTo("ada");
        });
        assertThat(nodes.message().items()).isEmpty();
        ActionRun back = run(new NodesToItemsAction(), nodes.message(), "{\"flatten\": true}");
        assertThat(itemsOf(back)).isEqualTo("[{\"path\":\"/data/a.pdf\",\"name\":\"a.pdf\",\"size\":12,\"mtime\":null,\"owner\":\"ada\"}]");
        assertThatThrownBy(() -> run(new ItemsToNodesAction(), items("[{\"file\": \"x\"}]"), "{}"))
                .hasMessage("item 0 has no 'path' text: {\"file\":\"x\"}");
    }
}
