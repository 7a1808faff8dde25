package io.flowhost.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 9, each as it was reproduced: channels between evaluations of one task, and
 * between tasks. Within a task, evaluations share pooled, locked-down contexts; every test first
 * makes its task evaluate past its fresh contexts so that what follows runs in the same pooled one.
 */
class SandboxAttackTest {
    private static final JsExpressions JS = new JsExpressions(Limits.defaults());
    private ScriptContexts task;

    @BeforeEach
    void startATask() {
        task = ScriptContexts.open();
        for (int i = 0; i <= ScriptContexts.FRESH_EVALUATIONS; i++) {
            script(task, "return 1");
        }
    }

    @AfterEach
    void endTheTask() {
        task.close();
    }

    private static Scope scope(ScriptContexts contexts) {
        return new Scope(Message.empty(), new ObjectMapper().createObjectNode(),
                new Scope.Run("job", "task", Instant.EPOCH, "step")).withContexts(contexts);
    }

    private static String script(ScriptContexts contexts, String body) {
        try {
            JsExpressions.ScriptResult result = JS.runScript(body, scope(contexts), Limits.defaults(), ScriptConsole.NONE,
                    () -> false);
            return result.value() == null ? "undefined" : result.value().isTextual() ? result.value().textValue()
                    : result.value().toString();
        } catch (TemplateException e) {
            return "error: " + e.located();
        }
    }

    private static String render(ScriptContexts contexts, String template) {
        try {
            return JS.render(TextNode.valueOf(template), scope(contexts)).asText();
        } catch (TemplateException e) {
            return "error: " + e.located();
        }
    }

    @Test
    void aScriptCannotCloseItsFunctionAndRunAtTheTopLevel() {
        String breakout = "}}); const box={n:0}; (function(){{ box.n++; return box.n";

        assertThat(script(task, breakout)).isEqualTo("error: SyntaxError: Expected eof but found } at 1:1");
        assertThat(script(task, breakout)).isEqualTo("error: SyntaxError: Expected eof but found } at 1:1");
        assertThat(script(task, "return typeof box")).isEqualTo("undefined");
        assertThat(JS.checkScript(breakout)).extracting(TemplateException::located)
                .containsExactly("SyntaxError: Expected eof but found } at 1:1");
    }

    @Test
    void aTemplateExpressionCannotLeaveItsExpression() {
        String breakout = "{{ 1); }); const box2 = 'x'; (function(){ return (1 }}";

        assertThat(render(task, breakout)).isEqualTo("error: unexpected ')': a template holds one expression at 1:5");
        assertThat(render(task, "{{ typeof box2 }}")).isEqualTo("undefined");
        assertThat(JS.check(breakout)).extracting(TemplateException::located)
                .containsExactly("unexpected ')': a template holds one expression at 1:5");
    }

    @Test
    void aScriptMayStillShadowAScopeNameAndUseStrictMode() {
        assertThat(script(task, "const node = 'mine'; return node")).isEqualTo("mine");
        assertThat(script(task, "'use strict'; let nodes = [1]; return nodes.length")).isEqualTo("1");
    }

    @Test
    void theCaughtHelperErrorsPrototypeIsFrozen() {
        String plant = "try { fromJson('{') } catch (e) { Object.getPrototypeOf(e).toString = () => 'planted'; "
                + "Object.getPrototypeOf(e).hog = 'x'.repeat(1e6) } return 'done'";
        String victim = "try { fromJson('{') } catch (e) { return 'not json: ' + e } return 'no error'";

        assertThat(script(task, plant)).isEqualTo("done");
        assertThat(script(task, victim)).startsWith("not json: ").doesNotContain("planted");
        assertThat(script(task, "try { fromJson('{') } catch (e) { return typeof Object.getPrototypeOf(e).hog }"))
                .isEqualTo("undefined");
    }

    @Test
    void theHostFunctionAndObjectPrototypesAreFrozen() {
        script(task, "Object.getPrototypeOf(base).leak = 'secret'; Object.getPrototypeOf(setVar).other = 1; return 1");
        script(task, "const p = Object.getPrototypeOf(Object.getPrototypeOf(base)); if (p) p.deeper = 1; return 1");

        assertThat(script(task, "return [typeof Object.getPrototypeOf(upper).leak, typeof Object.getPrototypeOf(setVar).other,"
                + " typeof Object.getPrototypeOf(Object.getPrototypeOf(base) || {}).deeper].join()"))
                .isEqualTo("undefined,undefined,undefined");
        script(task, "console.log.leak = 1; Object.getPrototypeOf(console.log).other = 1; return 1");
        assertThat(script(task, "return typeof console.log.leak + typeof console.info.other")).isEqualTo("undefinedundefined");
    }

    @Test
    void atomicsWaitAsyncCannotRunCodeInALaterEvaluation() {
        String plant = """
                try {
                  const cell = new Int32Array(new SharedArrayBuffer(4));
                  Atomics.waitAsync(cell, 0, 0, 20).value.then(() => { throw new Error('planted') });
                  return 'planted';
                } catch (e) { return String(e) }""";

        assertThat(script(task, plant)).startsWith("TypeError");
        assertThat(script(task, "const end = Date.now() + 60; while (Date.now() < end) {} return 'innocent'"))
                .isEqualTo("innocent");
        assertThat(script(task, "return typeof Atomics.waitAsync")).isEqualTo("undefined");
    }

    @Test
    void noContextServesTwoTasks() {
        ScriptContexts other = ScriptContexts.open();
        try {
            // a task's first evaluations run in fresh, unlocked contexts: what they do dies with them
            assertThat(script(other, "Object.prototype.leak = 'secret'; globalThis.x = 1; return 'written'"))
                    .isEqualTo("written");
            assertThat(script(task, "return typeof ({}).leak + typeof x")).isEqualTo("undefinedundefined");
            assertThat(task.created()).isEqualTo(ScriptContexts.FRESH_EVALUATIONS + 1);
        } finally {
            other.close();
        }
        assertThat(other.openContexts()).isZero();
        assertThatThrownBy(() -> JS.runScript("return 1", scope(other), Limits.defaults(), ScriptConsole.NONE, () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("these script contexts are closed: their task or session has ended");
    }

    @Test
    void closingATaskStopsItsRunningEvaluations() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        java.util.concurrent.CountDownLatch watched = new java.util.concurrent.CountDownLatch(1);
        Thread running = Thread.ofPlatform().start(() -> {
            try {
                // the watchdog asks whether to cancel only once the script runs
                JS.runScript("while (true) {}", scope(task),
                        Limits.defaults().withStatements(Long.MAX_VALUE).withTimeout(Duration.ofSeconds(30)),
                        ScriptConsole.NONE, () -> {
                            watched.countDown();
                            return false;
                        });
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        watched.await();
        task.close();
        running.join(5_000);

        assertThat(running.isAlive()).isFalse();
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("script was cancelled");
        assertThat(task.openContexts()).isZero();
    }

    @Test
    void errorTextIsBounded() {
        TemplateException thrown = catchThrowableOfType(TemplateException.class, () -> JS.runScript(
                "throw 'x'.repeat(25e6)", scope(task), Limits.defaults(), ScriptConsole.NONE, () -> false));
        assertThat(thrown.getMessage()).hasSizeLessThan(2100)
                .endsWith(" ... (" + (25_000_000 + "Error: ".length() - Sandbox.ERROR_CHARS - "Error: ".length()) + " more characters)");

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> JS.runScript(
                "throw new Error('y'.repeat(25e6))", scope(task), Limits.defaults(), ScriptConsole.NONE, () -> false));
        assertThat(error.getMessage()).startsWith("Error: yyy").hasSizeLessThan(2100).contains("more characters)");
    }

    @Test
    void consoleLinesAreCutBeforeTheyLeaveTheSandbox() {
        List<String> lines = new ArrayList<>();
        JS.runScript("console.log('x'.repeat(25e6)); console.log('after')", scope(task),
                Limits.defaults().withConsoleBytes(1000), (level, text) -> lines.add(level + " " + text), () -> false);

        assertThat(lines).containsExactly("info " + "x".repeat(1000) + " ... (24999000 more characters)",
                "warn console output truncated: more than 1000 bytes");
    }

    @Test
    void aPromiseThatNeverSettlesIsAnOrdinaryScriptError() {
        assertThat(script(task, "return new Promise(() => {})")).isEqualTo(
                "error: the script's promise never settled: it waits for something that cannot happen in the sandbox "
                        + "(there are no timers and no I/O) at 1:1");
        assertThat(script(task, "await new Promise(() => {}); return 1")).startsWith("error: the script's promise never settled");
    }
}
