package io.flowhost.plugin.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.Action;
import io.flowhost.testkit.ActionRun;
import io.flowhost.testkit.ActionTester;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.api.Output;
import io.flowhost.api.StepResult;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreActionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Action> ACTIONS = List.of(
            new LogAction(), new SetAction(), new SleepAction(), new FailAction(), new ClearAction(), new NodesAction(),
            new SortAction(), new NoopAction(), new ArtifactAction());

    private static final Message FULL = Message.empty()
            .withNodes(List.of(Node.of("/data/a.txt")))
            .withItems(List.of(JsonNodeFactory.instance.objectNode().put("row", 1)))
            .withVar("keep", "me")
            .withOutput(new Output("list", true, "ok", null, null, Instant.EPOCH));

    @Test
    void everyActionIsDocumented() {
        assertThat(ACTIONS).extracting(a -> a.descriptor().id())
                .containsExactly("core.log", "core.set", "core.sleep", "core.fail", "core.clear", "core.nodes", "core.sort",
                        "core.noop",
                        "core.artifact");
        for (Action action : ACTIONS) {
            ActionDescriptor descriptor = action.descriptor();
            assertThat(descriptor.category()).as(descriptor.id()).isEqualTo("core");
            assertThat(descriptor.label()).as(descriptor.id()).isNotEqualTo(descriptor.id());
            assertThat(descriptor.summary()).as(descriptor.id()).isNotBlank();
            assertThat(descriptor.params()).as(descriptor.id()).isNotEmpty()
                    .allSatisfy(param -> assertThat(param.summary()).isNotBlank());
        }
        assertThat(ACTIONS).filteredOn(a -> !a.descriptor().id().equals("core.log"))
                .allSatisfy(a -> assertThat(a.descriptor().description()).isNotBlank());
    }

    @Test
    void extensionIndexListsEveryAction() throws Exception {
        // Test compilation writes its own (empty) index too, so read every copy on the class path.
        Set<String> listed = new HashSet<>();
        for (URL index : Collections.list(CoreActionsTest.class.getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (var in = index.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .forEach(listed::add);
            }
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ACTIONS.stream().map(a -> a.getClass().getName()).toList());
    }

    @Test
    void setAddsVariablesWithTheirJsonTypesAndKeepsTheOthers() throws Exception {
        Action set = new SetAction();
        StepResult result = ActionTester.of(set).withMessage(FULL)
                .run("{\"vars\": {\"count\": 3, \"dest\": \"/out\", \"keep\": [1]}}").result();

        assertThat(result.success()).isTrue();
        assertThat(result.json()).isEqualTo(JSON.readTree("{\"count\": 3, \"dest\": \"/out\", \"keep\": [1]}"));
        Message out = result.changedMessage().orElseThrow();
        assertThat(out.vars()).containsOnlyKeys("keep", "count", "dest");
        assertThat(out.var("count").orElseThrow().isInt()).isTrue();
        assertThat(out.var("keep").orElseThrow()).isEqualTo(JSON.readTree("[1]"));
        assertThat(out.nodes()).isEqualTo(FULL.nodes());
    }

    @Test
    void failFailsWithTheReasonOrTheDefault() throws Exception {
        Action fail = new FailAction();

        assertThat(ActionTester.of(fail).run("{}").result()).isEqualTo(StepResult.failed("failed by core.fail"));
        assertThat(ActionTester.of(fail).run("{\"reason\": \"bad input\"}").result().error()).isEqualTo("bad input");
    }

    @Test
    void clearEmptiesNodesItemsAndOutputsButKeepsVariablesByDefault() throws Exception {
        Action clear = new ClearAction();

        Message out = ActionTester.of(clear).withMessage(FULL).run("{}").result().changedMessage().orElseThrow();

        assertThat(out).isEqualTo(Message.empty().withVar("keep", "me"));
    }

    @Test
    void clearEmptiesOnlyWhatItIsTold() throws Exception {
        Action clear = new ClearAction();

        Message out = ActionTester.of(clear).withMessage(FULL).run("{\"what\": [\"vars\", \"items\"]}").result().changedMessage().orElseThrow();

        assertThat(out).isEqualTo(FULL.withVars(java.util.Map.of()).withItems(List.of()));
    }

    @Test
    void clearRejectsAnUnknownPart() {
        Action clear = new ClearAction();

        assertThatThrownBy(() -> ActionTester.of(clear).withMessage(FULL).run("{\"what\": [\"nodes\", \"event\"]}").result())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot clear 'event': 'what' takes nodes, items, outputs, vars");
    }

    @Test
    void logWritesAtTheGivenLevel() throws Exception {
        Action log = new LogAction();
        ActionRun run = ActionTester.of(log).run("{\"message\": \"careful\", \"level\": \"warn\"}");

        assertThat(run.result().string()).isEqualTo("careful");
        assertThat(run.log()).containsExactly("warn: careful");
    }

    @Test
    void sortOrdersNodesByAKeyWithMissingKeysLast() throws Exception {
        Message input = Message.empty().withNodes(List.of(
                new Node("/b", "b", 30L, null, null), new Node("/a", "a", 5L, null, null),
                new Node("/c", "c", null, null, null), new Node("/d", "d", 200L, null, null)));

        Message asc = ActionTester.of(new SortAction()).withMessage(input).run("{\"by\": \"size\"}").message();
        Message desc = ActionTester.of(new SortAction()).withMessage(input)
                .run("{\"by\": \"size\", \"order\": \"desc\"}").message();

        assertThat(asc.nodes()).extracting(Node::name).containsExactly("a", "b", "d", "c");
        assertThat(desc.nodes()).extracting(Node::name).containsExactly("d", "b", "a", "c");
    }

    @Test
    void sortOrdersItemsByADottedPathStably() throws Exception {
        Message input = Message.empty().withItems(List.of(
                JSON.readTree("{\"id\": 1, \"owner\": {\"name\": \"zoe\"}}"),
                JSON.readTree("{\"id\": 2, \"owner\": {\"name\": \"ada\"}}"),
                JSON.readTree("{\"id\": 3, \"owner\": {\"name\": \"zoe\"}}")));

        Message out = ActionTester.of(new SortAction()).withMessage(input)
                .run("{\"by\": \"owner.name\", \"what\": \"items\"}").message();

        assertThat(out.items()).extracting(item -> item.get("id").asInt()).containsExactly(2, 1, 3);
    }

    @Test
    void noopPassesTheMessageOnAndParametersAreCheckedAsTheHostChecksThem() throws Exception {
        assertThat(ActionTester.of(new NoopAction()).withMessage(FULL).run("{}").message()).isEqualTo(FULL);
        assertThatThrownBy(() -> ActionTester.of(new SortAction()).run("{\"by\": \"size\", \"order\": \"up\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'order' must be one of [asc, desc], not \"up\"");
        assertThatThrownBy(() -> ActionTester.of(new NoopAction()).run("{\"nope\": 1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("action 'core.noop' has no parameter 'nope'; it takes [note]");
    }

    @Test
    void artifactAttachesAValueOrAFileInsideTheRoots(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path report = java.nio.file.Files.writeString(dir.resolve("report.csv"), "a,b\n");
        ActionTester tester = ActionTester.of(new ArtifactAction()).withSettings("{\"roots\": [\"" + dir + "\"]}");

        ActionRun json = tester.run("{\"name\": \"summary\", \"json\": {\"files\": 3}}");
        ActionRun file = tester.run("{\"name\": \"report.csv\", \"file\": \"report.csv\"}");

        assertThat(json.artifacts().get("summary")).isEqualTo(JSON.readTree("{\"files\": 3}"));
        assertThat(file.artifacts().get("report.csv").get("size").asInt()).isEqualTo(4);
        assertThatThrownBy(() -> tester.run("{\"name\": \"x\", \"file\": \"/etc/passwd\"}"))
                .hasMessage("path '/etc/passwd' is outside the allowed roots [" + dir + "] (host configuration: plugins.core.roots)");
        assertThatThrownBy(() -> tester.run("{\"name\": \"x\"}")).hasMessage("give either 'json' or 'file', not neither");
    }
}
