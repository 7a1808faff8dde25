package io.flowhost.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Helper arguments are converted by host code the watchdog cannot stop, so the conversion bounds
 * itself; and helpers hold their bounds when templates call them in the real sandbox. The timeouts
 * are hang guards: a bound that does not hold takes minutes.
 */
class GuestValuesTest {
    private static final Duration GUARD = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsExpressions JS = new JsExpressions(Limits.defaults());
    private static Context context;

    @BeforeAll
    static void openContext() {
        context = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
    }

    @AfterAll
    static void closeContext() {
        context.close();
    }

    private static Value guest(String expression) {
        return context.eval("js", expression);
    }

    private static JsonNode render(String template, Message message) {
        return JS.render(TextNode.valueOf(template), new Scope(message, JSON.createObjectNode(),
                new Scope.Run("job", "task", Instant.EPOCH, "step")));
    }

    @Test
    void aTenMillionElementArrayFailsBeforeItsFirstElementIsRead() {
        Value huge = guest("new Array(1e7)");
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() -> GuestValues.toJava(huge, 0))
                .hasMessage("a helper's arguments hold more than the limit of 1000000 values"));
    }

    @Test
    void allArgumentsOfOneCallShareOneBudget() {
        Value half = guest("new Array(600000).fill(0)");
        assertThat(GuestValues.arguments("first(list)", new Value[] {half})).hasSize(1);
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(
                () -> GuestValues.arguments("first(list)", new Value[] {half, half}))
                .hasMessage("first(list): a helper's arguments hold more than the limit of 1000000 values"));
    }

    @Test
    void oneArrayPassedManyTimesIsCountedEveryTime() {
        Value args = guest("const a = new Array(1000).fill(0); new Array(2000).fill(a)");
        Value[] many = new Value[(int) args.getArraySize()];
        for (int i = 0; i < many.length; i++) {
            many[i] = args.getArrayElement(i);
        }
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() -> GuestValues.arguments("coalesce(value, fallback, ...)", many))
                .hasMessage("coalesce(value, fallback, ...): a helper's arguments hold more than the limit of 1000000 values"));
    }

    @Test
    void charactersAreCountedOverAllArguments() {
        Value text = guest("'x'.repeat(5000000)");
        assertThat(GuestValues.arguments("join(part, ...)", new Value[] {text})).hasSize(1);
        assertThatThrownBy(() -> GuestValues.arguments("join(part, ...)", new Value[] {text, text}))
                .hasMessage("join(part, ...): a helper's arguments hold more than the limit of 8388608 characters");
    }

    @Test
    void nestingIsBoundedAtThirtyTwoLevels() {
        Value deepest = guest("JSON.parse('['.repeat(32) + '1' + ']'.repeat(32))");
        Object converted = GuestValues.toJava(deepest, 0);
        for (int level = 0; level < 32; level++) {
            assertThat(converted).as("level %d", level).isInstanceOf(List.class);
            converted = ((List<?>) converted).get(0);
        }
        assertThat(converted).isEqualTo(1L);
        assertThatThrownBy(() -> GuestValues.toJava(guest("JSON.parse('['.repeat(33) + ']'.repeat(33))"), 0))
                .hasMessage("a helper argument is nested more than 32 levels deep");
    }

    @Test
    void aPathOf400kSlashesFromTheMessageEndsInTheSandbox() {
        Message message = Message.empty().withNodes(List.of(new Node("/".repeat(400_000), "x", 1L, null, null)));
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(render("{{ dir(node.path) }}", message).asText()).isEqualTo("/");
            assertThat(render("{{ base(node.path) + ext(node.path) + stem(node.path) }}", message).asText()).isEqualTo("//");
        });
    }

    @Test
    void helpersFailWithTheirLimitInTheSandbox() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThatThrownBy(() -> render("{{ first(new Array(1e7)) }}", Message.empty()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("RangeError: first(list): a helper's arguments hold more than the limit of 1000000 values");
            assertThatThrownBy(() -> render("{{ padLeft('7', 2e6) }}", Message.empty()))
                    .hasMessage("padLeft(text, width, char?): width 2000000 is over the limit of 1048576");
            assertThatThrownBy(() -> render("{{ range(-5e18, 5e18) }}", Message.empty()))
                    .hasMessage("range(end) or range(start, end): range size 10000000000000000000 is over the limit of 1000000");
            assertThatThrownBy(() -> render("{{ query({a: ['a'.repeat(40)]}, '$.a[?(@ =~ /(a*)*\\\\1b/)]') }}", Message.empty()))
                    .hasMessageStartingWith("query(value, jsonPath): the =~ regex filter is not supported");
            assertThat(render("{{ round(1.5, 2e7) }}", Message.empty()).asDouble()).isEqualTo(1.5);
            assertThatThrownBy(() -> render("{{ parseBytes('1'.repeat(40000)) }}", Message.empty())).hasMessage(
                    "parseBytes(text): '1111111111111111111111111111111111111111...' (40000 characters) is too large a size");
        });
    }

    @Test
    void aHelperResultIsBoundedOnItsWayBackToTheGuest() {
        assertThatThrownBy(() -> render("{{ uniq(['\\u0001'.repeat(3e6)]).length }}", Message.empty()))
                .hasMessage("a helper's result is more than the limit of 16777216 characters of JSON");
        assertThat(render("{{ range(1e6).length }}", Message.empty()).asInt()).isEqualTo(1_000_000);
    }
}
