package io.flowhost.plugin.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.api.Output;
import io.flowhost.api.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreActionsTest {
    @TempDir
    Path dir;

    @Test
    void logWritesAtTheGivenLevel() {
        TestContext context = new TestContext(new LogAction(), "{\"message\": \"careful\", \"level\": \"warn\"}");

        StepResult result = new LogAction().run(context);

        assertThat(result.string()).isEqualTo("careful");
        assertThat(context.lines).containsExactly("warn careful");
    }

    @Test
    void setAddsVariablesAndKeepsTheOthers() {
        TestContext context = new TestContext(new SetAction(), "{\"vars\": {\"a\": 1, \"b\": [\"x\"]}}", Message.empty().withVar("keep", true));

        StepResult result = new SetAction().run(context);

        assertThat(result.changedMessage()).get().extracting(m -> m.vars().toString())
                .isEqualTo("{keep=true, a=1, b=[\"x\"]}");
        assertThat(result.json().toString()).isEqualTo("{\"a\":1,\"b\":[\"x\"]}");
    }

    @Test
    void failFailsWithTheReason() {
        assertThat(new FailAction().run(new TestContext(new FailAction(), "{\"reason\": \"quota exceeded\"}")).error())
                .isEqualTo("quota exceeded");
    }

    @Test
    void clearEmptiesTheNamedParts() {
        Message message = Message.empty().withNodes(List.of(Node.of("/a"))).withVar("v", 1)
                .withOutput(new Output("s", true, "x", null, null, Instant.EPOCH));

        Message cleared = new ClearAction().run(new TestContext(new ClearAction(), "{\"what\": [\"nodes\", \"outputs\"]}", message))
                .changedMessage().orElseThrow();

        assertThat(cleared.nodes()).isEmpty();
        assertThat(cleared.outputs()).isEmpty();
        assertThat(cleared.vars()).containsKey("v");
        assertThatThrownBy(() -> new ClearAction().run(new TestContext(new ClearAction(), "{\"what\": [\"everything\"]}")))
                .hasMessage("cannot clear 'everything'; 'what' takes [nodes, items, outputs, vars]");
    }

    @Test
    void sleepStopsSoonAfterCancellation() throws Exception {
        TestContext context = new TestContext(new SleepAction(), "{\"duration\": \"1m\"}");
        CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
            try {
                new SleepAction().run(context);
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Thread.sleep(100);
        context.cancelled = true;

        assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(ActionCancelledException.class);
    }

    @Test
    void sleepWaitsForItsDuration() throws Exception {
        assertThat(new SleepAction().run(new TestContext(new SleepAction(), "{\"duration\": \"20ms\"}")).string()).isEqualTo("slept 20ms");
    }

    @Test
    void nodesFromGlobsCarryRealFileData() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "hello");
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.writeString(dir.resolve("sub/b.txt"), "12345678");
        Files.writeString(dir.resolve("sub/deeper/c.txt"), "x");
        Files.writeString(dir.resolve("skip.md"), "no");

        StepResult flat = new NodesAction().run(new TestContext(new NodesAction(), "{\"paths\": \"" + dir + "/*.txt\"}"));
        StepResult deep = new NodesAction().run(new TestContext(new NodesAction(), "{\"paths\": [\"**/*.txt\"], \"base\": \"" + dir + "\"}"));

        List<Node> nodes = flat.changedMessage().orElseThrow().nodes();
        assertThat(nodes).extracting(Node::name, Node::size).containsExactly(org.assertj.core.groups.Tuple.tuple("a.txt", 5L));
        assertThat(nodes.get(0).mtime()).isEqualTo(Files.getLastModifiedTime(dir.resolve("a.txt")).toInstant());
        assertThat(deep.changedMessage().orElseThrow().nodes()).extracting(Node::path)
                .containsExactly(dir + "/sub/b.txt", dir + "/sub/deeper/c.txt");
        assertThat(deep.json().asInt()).isEqualTo(2);
    }

    @Test
    void nodesOfAFolderAndAppendMode() throws Exception {
        Files.createDirectories(dir.resolve("box"));
        Message input = Message.empty().withNodes(List.of(Node.of("/earlier")));

        List<Node> nodes = new NodesAction().run(new TestContext(new NodesAction(), 
                "{\"paths\": \"" + dir.resolve("box") + "\", \"mode\": \"append\"}", input)).changedMessage().orElseThrow().nodes();

        assertThat(nodes).extracting(Node::path).containsExactly("/earlier", dir.resolve("box").toString());
        assertThat(nodes.get(1).size()).isNull();
        assertThat(nodes.get(1).meta().get("dir").asBoolean()).isTrue();
    }

    @Test
    void missingPathFailsOrIsSkipped() throws Exception {
        String missing = dir.resolve("nope.txt").toString();

        assertThat(new NodesAction().run(new TestContext(new NodesAction(), "{\"paths\": \"" + missing + "\"}")).error())
                .isEqualTo("no such file or directory: " + missing);
        TestContext skipping = new TestContext(new NodesAction(), "{\"paths\": \"" + missing + "\", \"missing\": \"skip\"}");
        assertThat(new NodesAction().run(skipping).changedMessage().orElseThrow().nodes()).isEmpty();
        assertThat(skipping.lines).containsExactly("warn skipped missing " + missing);
    }
}
