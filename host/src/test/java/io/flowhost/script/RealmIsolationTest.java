package io.flowhost.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.api.Message;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Within one task, pooled contexts serve evaluation after evaluation: each case writes through one
 * channel in one evaluation and reads it back in the next, on the same thread (so in the same pooled,
 * locked-down context), expecting no trace.
 */
class RealmIsolationTest {
    private static final JsExpressions JS = new JsExpressions(Limits.defaults());
    private static final ScriptContexts TASK = ScriptContexts.open();
    private static final Scope SCOPE = new Scope(Message.empty(), new ObjectMapper().createObjectNode(),
            new Scope.Run("job", "task", Instant.EPOCH, "step")).withContexts(TASK);

    /** The first evaluations of a task get fresh contexts; the next ones a locked-down, pooled one. */
    @BeforeAll
    static void fillThePool() {
        for (int i = 0; i < ScriptContexts.FRESH_EVALUATIONS + 2; i++) {
            script("return " + i);
        }
        assertThat(TASK.created()).as("contexts made").isEqualTo(ScriptContexts.FRESH_EVALUATIONS + 1);
    }

    @AfterAll
    static void endTheTask() {
        TASK.close();
        assertThat(TASK.openContexts()).isZero();
    }

    private static String script(String body) {
        try {
            JsExpressions.ScriptResult result = JS.runScript(body, SCOPE, Limits.defaults(), ScriptConsole.NONE, () -> false);
            return result.value() == null ? "undefined" : result.value().isTextual() ? result.value().textValue()
                    : result.value().toString();
        } catch (TemplateException e) {
            return "error: " + e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            global object              | globalThis.leak = 'secret'                                       | return typeof leak
            Object.prototype           | Object.prototype.leak = 'secret'                                 | return typeof ({}).leak
            a builtin method           | Array.prototype.push = () => 'hijacked'                          | const a = []; a.push(1); return String(a.length)
            array iterator prototype   | Object.getPrototypeOf([][Symbol.iterator]()).leak = 'secret'     | return typeof [][Symbol.iterator]().leak
            generator prototype        | Object.getPrototypeOf(function* () {}).leak = 'secret'           | return typeof (function* () {}).leak
            async function prototype   | Object.getPrototypeOf(async function () {}).leak = 'secret'      | return typeof (async function () {}).leak
            typed arrays               | Object.getPrototypeOf(Int8Array).prototype.leak = 'secret'       | return typeof new Uint8Array(1).leak
            string iterator            | Object.getPrototypeOf(''[Symbol.iterator]()).leak = 'secret'     | return typeof ''[Symbol.iterator]().leak
            regexp legacy statics      | /(secret)/.exec('the secret')                                    | return typeof RegExp.$1 + typeof RegExp.lastMatch
            indirect eval lets         | try { (0, eval)('let leaked = 1') } catch (e) {}                 | return typeof leaked
            the script's own function  | arguments.callee.leak = 'secret'                                 | return typeof arguments.callee.leak
            Error.prepareStackTrace    | Error.prepareStackTrace = () => 'hijacked'                       | return typeof Error.prepareStackTrace
            JSON                       | JSON.stringify = () => 'hijacked'                                | return JSON.stringify({a: 1})
            """)
    void nothingWrittenThroughAChannelIsReadByTheNextEvaluation(String channel, String write, String read) {
        String before = script(read);
        script(write);

        assertThat(script(read)).as(channel).isEqualTo(before);
    }

    /** A body's function is made once per context and called again: it must carry nothing over. */
    @Test
    void theSameBodyAgainFindsNothingItsLastRunLeftOnItsFunction() {
        String body = """
                const f = arguments.callee;
                const seen = [typeof f.leak, typeof f.prototype.leak, String(f.length)].join();
                try { f.leak = 1; f.prototype.leak = 1 } catch (e) {}
                return seen""";
        String first = script(body);
        assertThat(first).isEqualTo("undefined,undefined,4");
        assertThat(script(body)).isEqualTo(first);
        assertThat(script(body)).isEqualTo(first);

        String template = "{{ [typeof arguments.callee.leak, (arguments.callee.leak = 1)].join() }}";
        String rendered = JS.render(com.fasterxml.jackson.databind.node.TextNode.valueOf(template), SCOPE).asText();
        assertThat(rendered).isEqualTo("undefined,1");
        assertThat(JS.render(com.fasterxml.jackson.databind.node.TextNode.valueOf(template), SCOPE).asText()).isEqualTo(rendered);
    }

    @Test
    void channelsThatCannotBeFrozenAreGone() {
        assertThat(script("return [typeof eval, typeof WeakRef, typeof FinalizationRegistry].join()"))
                .isEqualTo("undefined,undefined,undefined");
    }

    @Test
    void theHostsOwnFunctionsCannotBeReachedThroughCaller() {
        assertThat(script("return { toJSON: function f() { return String(f.caller) } }")).doesNotContain("function");
        assertThat(script("return JSON.stringify({ toJSON: function f() { return String(f.caller) } })")).doesNotContain("function");
    }

    @Test
    void ordinaryScriptsStillWork() {
        assertThat(script("class A { constructor() { this.x = 1 } }; const o = new A(); o.y = 2; return [o.x, o.y]"))
                .isEqualTo("[1,2]");
        assertThat(script("const m = new Map([[1, 'a']]); return [...m.values(), ...new Set([1, 1])].join()")).isEqualTo("a,1");
        assertThat(script("return /(\\d+)/.exec('a42')[1]")).isEqualTo("42");
        assertThat(List.of(script("return new Function('a', 'return a * 2')(21)"))).containsExactly("42");
    }
}
