package io.flowhost.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The memory limit stops what holds or grabs memory, and never honest code: each of these failed
 * the old limit, which counted every byte a thread allocated, garbage included.
 */
class MemoryLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsExpressions JS = new JsExpressions(Limits.defaults());
    private ScriptContexts task;

    @BeforeEach
    void startATask() {
        task = ScriptContexts.open();
    }

    @AfterEach
    void endTheTask() {
        task.close();
    }

    private Scope scope(Message message) {
        return new Scope(message, JSON.createObjectNode(), new Scope.Run("job", "task", Instant.EPOCH, "step"))
                .withContexts(task);
    }

    private JsonNode script(String body, Message message) {
        return JS.runScript(body, scope(message), Limits.defaults(), ScriptConsole.NONE, () -> false).value();
    }

    @Test
    void anHonestLoopPassesEveryTime() {
        for (int run = 0; run < 5; run++) {
            assertThat(script("let s = 0; for (let i = 0; i < 3e6; i++) { s += i } return s", Message.empty()).asLong())
                    .isEqualTo(4_499_998_500_000L);
        }
    }

    @Test
    void aBusyTemplatePassesEveryTime() {
        String busy = "{{ (() => { let n = 0; const end = Date.now() + 300; while (Date.now() < end) n++; return n > 0 })() }}";
        for (int run = 0; run < 5; run++) {
            assertThat(JS.render(TextNode.valueOf(busy), scope(Message.empty())).booleanValue()).isTrue();
        }
    }

    @Test
    void templatesOverABigMessagePass() {
        List<Node> nodes = new ArrayList<>();
        String padding = "x".repeat(400);
        for (int i = 0; i < 100_000; i++) {
            ObjectNode meta = JSON.createObjectNode().put("note", padding + i);
            nodes.add(new Node("/data/in/file-" + i + ".txt", "file-" + i + ".txt", 1000L + i, null, meta));
        }
        Message big = Message.empty().withNodes(nodes);
        assertThat(big.toJson().toString().length()).isGreaterThan(50_000_000);

        assertThat(JS.render(TextNode.valueOf("{{ nodes.length + 1 }}"), scope(big)).asInt()).isEqualTo(100_001);
        assertThat(JS.render(TextNode.valueOf("{{ nodes[99999].name }} of {{ nodes.length }}"), scope(big)).asText())
                .isEqualTo("file-99999.txt of 100000");
    }

    @Test
    void aResultJustUnderItsLimitPasses() {
        assertThat(script("return 'x'.repeat(1024 * 1024 - 2)", Message.empty()).asText()).hasSize(1024 * 1024 - 2);
        assertThatThrownBy(() -> script("return 'x'.repeat(1024 * 1024 + 1)", Message.empty()))
                .hasMessage("result is larger than 1 MiB");
    }

    @Test
    void aLargeAllocationIsStopped() {
        assertThatThrownBy(() -> script("const b = new ArrayBuffer(512 * 1024 * 1024); while (true) {}", Message.empty()))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("script exceeded its memory limit: it allocated ")
                .hasMessageEndingWith(" at once, more than its 128 MiB");
    }

    @Test
    void codeOverAMegabyteIsRefusedBeforeItIsParsed() {
        String body = "return 1;" + " ".repeat(1024 * 1024);
        assertThatThrownBy(() -> script(body, Message.empty()))
                .hasMessage("the script is 1048585 characters long; the limit is 1048576");
        String template = "{{ 1 }}" + " ".repeat(1024 * 1024);
        assertThatThrownBy(() -> JS.render(TextNode.valueOf(template), scope(Message.empty())))
                .hasMessage("the template is 1048583 characters long; the limit is 1048576");
    }
}
