package io.flowhost.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsExpressionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Limits SMALL = Limits.defaults().withTimeout(Duration.ofSeconds(2)).withStatements(1_000_000);
    private final JsExpressions js = new JsExpressions(SMALL);

    private static Scope scope(Message message) {
        return new Scope(message, JSON.createObjectNode().put("folder", "/data/in").put("limit", 3),
                new Scope.Run("job", "task-1", Instant.parse("2026-11-23T08:00:00Z"), "step"));
    }

    private static final Message PHOTOS = Message.empty()
            .withNodes(List.of(new Node("/in/a.jpg", "a.jpg", 2048L, null, null), new Node("/in/b.txt", "b.txt", 10L, null, null)))
            .withVar("album", "Summer").withVar("count", 2);

    private JsonNode render(String template) {
        return js.render(TextNode.valueOf(template), scope(PHOTOS));
    }

    private TemplateException error(String template) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(TemplateException.class, () -> render(template));
    }

    @Test
    void aWholeTemplateKeepsTheValuesJsonType() {
        assertThat(render("{{ 1 + 1 }}").toString()).isEqualTo("2");
        assertThat(render(" {{ nodes.map(n => n.size) }} ").toString()).isEqualTo("[2048,10]");
        assertThat(render("{{ node }}").get("name").asText()).isEqualTo("a.jpg");
        assertThat(render("{{ vars.missing }}").isNull()).isTrue();
        assertThat(render("{{ params.limit > 2 }}").booleanValue()).isTrue();
    }

    @Test
    void partsAmongTextJoinAsText() {
        assertThat(render("{{ nodes.length }} files in {{ params.folder }}").asText()).isEqualTo("2 files in /data/in");
        assertThat(render("[{{ vars.missing }}][{{ null }}]").asText()).isEqualTo("[][]");
        assertThat(render("size: {{ {a: 1} }}").asText()).isEqualTo("size: {\"a\":1}");
        assertThat(render("{{ 0.1 + 0.2 }}!").asText()).isEqualTo("0.30000000000000004!");
        assertThat(render("no templates here").asText()).isEqualTo("no templates here");
    }

    @Test
    void everyKindOfJsonValueReachesTheEngineAsItIs() throws Exception {
        String json = "{\"int\":7,\"long\":9007199254740991,\"double\":0.5,\"big\":1.25,\"t\":true,\"n\":null,"
                + "\"s\":\"\u00e9\\\"x\",\"a\":[1,[2,{}],\"3\"],\"o\":{\"p\":{\"q\":[]}}}";
        JsonNode value = JSON.readTree(json);
        ObjectNode vars = (ObjectNode) value;
        vars.put("float", 0.25f);
        vars.put("decimal", new java.math.BigDecimal("12.50"));
        Message message = Message.empty().withVars(java.util.Map.of("v", vars))
                .withNodes(List.of(new Node("/in/a", "a", null, null, (ObjectNode) JSON.readTree("{\"k\":[1,\"x\"]}"))));

        // numbers come back as JavaScript numbers: compare with the same JSON text read back
        assertThat(js.render(TextNode.valueOf("{{ (vars.v) }}"), scope(message))).isEqualTo(JSON.readTree(vars.toString()));
        assertThat(js.render(TextNode.valueOf("{{ (node) }}"), scope(message))).isEqualTo(message.nodes().get(0).toJson());
        assertThat(js.render(TextNode.valueOf("{{ (nodes) }}"), scope(message)))
                .isEqualTo(message.toJson().get("nodes"));
    }

    @Test
    void aMissingScopeValueIsUndefinedWhetherTheCodeUsesOneNameOrSeveral() {
        Scope empty = scope(Message.empty());
        assertThat(js.render(TextNode.valueOf("{{ typeof node }}"), empty).asText()).isEqualTo("undefined");
        assertThat(js.render(TextNode.valueOf("{{ typeof node + ' ' + typeof vars }}"), empty).asText())
                .isEqualTo("undefined object");
        assertThat(js.render(TextNode.valueOf("{{ typeof item }}/{{ typeof items }}"), empty).asText())
                .isEqualTo("undefined/object");
        assertThat(js.runScript("return typeof item", empty, SMALL, ScriptConsole.NONE, () -> false).value().asText())
                .isEqualTo("undefined");
        assertThat(js.runScript("return [typeof node, nodes.length]", empty, SMALL, ScriptConsole.NONE, () -> false)
                .value().toString()).isEqualTo("[\"undefined\",0]");
        assertThat(js.test("{{ !node }}", empty)).isTrue();
    }

    @Test
    void aNameAfterADotIsAPropertyButAfterASpreadItIsTheVariable() {
        assertThat(render("{{ [...nodes].length }} {{ [... nodes].length }}").asText()).isEqualTo("2 2");
        assertThat(render("{{ Math.round(2.5) }} {{ message . nodes.length }} {{ message?.nodes.length }}").asText())
                .isEqualTo("3 2 2");
        assertThat(render("{{ ({ round: 7 }).round }}").intValue()).isEqualTo(7);
        assertThat(render("{{ round(2.567, 1) }}").doubleValue()).isEqualTo(2.6);
    }

    @Test
    void objectsAndArraysAreRenderedDeep() throws Exception {
        JsonNode value = js.render(JSON.readTree("{\"a\": [\"{{ vars.album }}\", 1], \"b\": {\"c\": \"{{ vars.count }}\"}}"),
                scope(PHOTOS));

        assertThat(value.toString()).isEqualTo("{\"a\":[\"Summer\",1],\"b\":{\"c\":2}}");
    }

    @Test
    void simplePathsAndTheEngineAgree() {
        for (String template : List.of("{{ node.name }}", "{{ node.size }}", "{{ nodes[1].name }}", "{{ nodes.length }}",
                "{{ vars.album }}", "{{ params.folder }}", "{{ run.taskId }}", "{{ last }}", "{{ item }}",
                "x{{ node.meta }}y", "{{ vars.nope }}", "{{ message.vars.count }}")) {
            String viaEngine = template.replace("{{ ", "{{ (").replace(" }}", ") }}");
            assertThat(render(template).toString()).as(template).isEqualTo(render(viaEngine).toString());
        }
    }

    @Test
    void dataIsNeverEvaluatedAsCode() {
        Message hostile = Message.empty().withNodes(List.of(Node.of("/in/{{ 7*7 }}.txt")))
                .withVar("name", "{{ Java.type('java.lang.System').exit(1) }}");
        Scope scope = scope(hostile);

        assertThat(js.render(TextNode.valueOf("{{ node.name }}"), scope).asText()).isEqualTo("{{ 7*7 }}.txt");
        assertThat(js.render(TextNode.valueOf("file {{ node.name.toUpperCase() }}"), scope).asText())
                .isEqualTo("file {{ 7*7 }}.TXT");
        assertThat(js.render(TextNode.valueOf("{{ vars.name }}"), scope).asText())
                .isEqualTo("{{ Java.type('java.lang.System').exit(1) }}");
    }

    @Test
    void errorsNameTheReasonAndThePlaceInsideTheTemplate() {
        TemplateException e = error("Hello {{ nod.name }}");
        assertThat(e.located()).isEqualTo("ReferenceError: nod is not defined at 1:10");
        assertThat(e.source()).isEqualTo("Hello {{ nod.name }}");

        assertThat(error("a\nb {{ vars.album\n  .nope.deeper }}").located())
                .isEqualTo("TypeError: Cannot read property 'deeper' of undefined at 2:6");
        assertThat(error("x {{ nodes.map( }}").located()).isEqualTo("'(' is never closed before '}}' at 1:15");
        assertThat(error("x {{ oops").located()).isEqualTo("'{{' is never closed with '}}' at 1:3");
    }

    @Test
    void checkFindsSyntaxErrorsWithoutRunning() {
        assertThat(js.check("{{ 1 + }} and {{ while(true){} }}")).extracting(TemplateException::located)
                .containsExactly("SyntaxError: Expected an operand but found the end of the expression at 1:8",
                        "SyntaxError: Expected an operand but found while at 1:18");
        assertThat(js.check("{{ node.name }} {{ humanBytes(node.size) }}")).isEmpty();
    }

    @Test
    void filtersTestForTruth() {
        assertThat(js.test("{{ node.size > 1024 }}", scope(PHOTOS))).isTrue();
        assertThat(js.test("{{ vars.nope }}", scope(PHOTOS))).isFalse();
        assertThat(js.test("{{ '' }}", scope(PHOTOS))).isFalse();
        assertThat(js.test("{{ [] }}", scope(PHOTOS))).isTrue();
        assertThat(js.test("{{ node.name.endsWith('.jpg') }}", scope(PHOTOS))).isTrue();
    }

    @Test
    void helpersAreCallable() {
        assertThat(render("{{ base('/a/b/c.pdf') }}").asText()).isEqualTo("c.pdf");
    }

    @Test
    void nothingAScriptDoesIsSeenByTheNextEvaluation() {
        render("{{ (Object.prototype.polluted = 'yes', Array.prototype.map = null, globalThis.leak = 1, 1) }}");

        assertThat(render("{{ ({}).polluted }}").isNull()).isTrue();
        assertThat(render("{{ [1].map(x => x + 1) }}").toString()).isEqualTo("[2]");
        assertThat(render("{{ typeof leak }}").asText()).isEqualTo("undefined");
    }

    @Test
    void deniedCapabilitiesAreAbsent() {
        for (String name : List.of("Java", "Polyglot", "load", "print", "quit", "require", "process", "Graal", "console")) {
            assertThat(render("{{ typeof " + name + " }}").asText()).as(name).isEqualTo("undefined");
        }
        assertThat(error("{{ Java.type('java.lang.Runtime') }}").getMessage()).isEqualTo("ReferenceError: Java is not defined");
        assertThat(render("{{ typeof node.getClass }}").asText()).isEqualTo("undefined");
        assertThat(render("{{ typeof base.getClass }}").asText()).isEqualTo("undefined");
        assertThat(render("{{ Object.keys(base).length }}").asInt()).isZero();
        assertThat(error("{{ base.class.forName('java.lang.Runtime') }}").getMessage())
                .startsWith("TypeError: Cannot read property 'forName' of undefined");
    }

    @Test
    void dynamicImportIsRefused() {
        JsExpressions.ScriptResult result = js.runScript("try { await import('fs'); return 'imported' } catch (e) { return String(e) }",
                scope(PHOTOS), SMALL, ScriptConsole.NONE, () -> false);

        assertThat(result.value().asText()).isEqualTo("Error: Operation is not allowed for: fs");
    }

    @Test
    void endlessLoopsHitTheStatementLimit() {
        assertThat(error("{{ (() => { while (true) {} })() }}").getMessage())
                .isEqualTo("script exceeded its statement limit (1000000 statements)");
    }

    @Test
    void slowScriptsHitTheTimeout() {
        Limits limits = SMALL.withStatements(Long.MAX_VALUE).withTimeout(Duration.ofMillis(300));
        assertThatThrownBy(() -> js.render(TextNode.valueOf("{{ (() => { while (true) {} })() }}"), scope(PHOTOS), limits,
                () -> false)).hasMessage("script timed out after 300ms");
        assertThat(render("{{ 'alive' }}").asText()).isEqualTo("alive");
    }

    @Test
    void endlessRecursionIsAGuestError() {
        assertThat(error("{{ (function f() { return f() })() }}").getMessage())
                .isEqualTo("RangeError: Maximum call stack size exceeded");
    }

    @Test
    void memoryHogsAreStoppedAndTheHostGoesOn() {
        Limits limits = SMALL.withStatements(Long.MAX_VALUE).withTimeout(Duration.ofSeconds(20))
                .withMemoryBytes(64L * 1024 * 1024);
        assertThatThrownBy(() -> js.render(TextNode.valueOf("{{ new Array(1e9).fill(0).length }}"), scope(PHOTOS),
                limits, () -> false)).hasMessageStartingWith("script exceeded its memory limit: it allocated ")
                .hasMessageEndingWith(" at once, more than its 64 MiB");
        assertThatThrownBy(() -> js.render(TextNode.valueOf("{{ 'x'.repeat(1e9).split('').length }}"), scope(PHOTOS),
                limits, () -> false)).isInstanceOf(TemplateException.class);
        assertThat(render("{{ 'still ' + 'alive' }}").asText()).isEqualTo("still alive");
    }

    @Test
    void hugeResultsAreRefused() {
        assertThat(error("{{ 'x'.repeat(2 * 1024 * 1024) }}").getMessage()).isEqualTo("result is larger than 1 MiB");
    }

    @Test
    void resultConversionRunsGuestCodeUnderTheLimits() {
        assertThat(error("{{ (() => { const a = {}; a.self = a; return a })() }}").getMessage())
                .startsWith("TypeError: ");
        assertThat(error("{{ ({ toJSON() { while (true) {} } }) }}").getMessage())
                .isEqualTo("script exceeded its statement limit (1000000 statements)");
    }

    @Test
    void cancellationStopsAScript() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> js.render(TextNode.valueOf("{{ (() => { while (true) {} })() }}"), scope(PHOTOS),
                SMALL.withStatements(Long.MAX_VALUE).withTimeout(Duration.ofSeconds(30)),
                () -> System.nanoTime() - start > 200_000_000L)).hasMessage("script was cancelled");
    }

    @Test
    void scriptsReturnValuesSetVariablesAndLog() {
        List<String> lines = new ArrayList<>();
        JsExpressions.ScriptResult result = js.runScript("""
                const big = nodes.filter(n => n.size > 1024);
                setVar('big', big.map(n => n.name));
                console.log('found', big.length, {first: big[0].name});
                console.warn('careful');
                setNodes(big);
                return { count: big.length, album: vars.album };
                """, scope(PHOTOS), SMALL, (level, text) -> lines.add(level + " " + text), () -> false);

        assertThat(result.value().toString()).isEqualTo("{\"count\":1,\"album\":\"Summer\"}");
        assertThat(result.vars().get("big").toString()).isEqualTo("[\"a.jpg\"]");
        assertThat(result.nodes()).extracting(Node::name).containsExactly("a.jpg");
        assertThat(lines).containsExactly("info found 1 {\"first\":\"a.jpg\"}", "warn careful");
    }

    @Test
    void scriptsMayAwait() {
        JsExpressions.ScriptResult result = js.runScript("const v = await Promise.resolve(21); return v * 2",
                scope(PHOTOS), SMALL, ScriptConsole.NONE, () -> false);

        assertThat(result.value().asInt()).isEqualTo(42);
    }

    @Test
    void scriptErrorsAreLocatedInTheBody() {
        assertThatThrownBy(() -> js.runScript("const a = 1;\nreturn a.b.c;", scope(PHOTOS), SMALL, ScriptConsole.NONE,
                () -> false)).isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.located())
                        .isEqualTo("TypeError: Cannot read property 'c' of undefined at 2:8"));
        assertThatThrownBy(() -> js.runScript("await null;\nthrow new Error('late')", scope(PHOTOS), SMALL,
                ScriptConsole.NONE, () -> false)).isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.located())
                        .isEqualTo("Error: late at 2:7"));
    }

    @Test
    void consoleOutputIsBounded() {
        List<String> lines = new ArrayList<>();
        js.runScript("for (let i = 0; i < 1000; i++) console.log('x'.repeat(100))", scope(PHOTOS),
                SMALL.withConsoleBytes(1000), (level, text) -> lines.add(text), () -> false);

        assertThat(lines).hasSize(11);
        assertThat(lines.get(10)).isEqualTo("console output truncated: more than 1000 bytes");
    }
}
