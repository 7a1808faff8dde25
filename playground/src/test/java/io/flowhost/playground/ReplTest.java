package io.flowhost.playground;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplTest {
    @TempDir
    Path dir;

    @Test
    void pipedInputGivesOneResultPerLineAndErrorsDoNotEndIt() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String input = String.join("\n", "{{ nodes.length }}", "{{ nod }}", ":var n=2", "{{ vars.n * last }}", ":quit",
                "{{ 'never' }}");

        new Repl(SessionTest.photos()).piped(new BufferedReader(new StringReader(input)), new PrintWriter(out),
                new PrintWriter(err));

        assertThat(out.toString()).isEqualTo("3\nvars.n set\n6\n");
        assertThat(err.toString()).isEqualTo("error: ReferenceError: nod is not defined at 1:4\n{{ nod }}\n   ^\n");
    }

    @Test
    void ctrlCStopsARunawayEvaluationWithoutLeavingTheRepl() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream terminalIn = new PipedInputStream(keys);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = TerminalBuilder.builder().streams(terminalIn, screen).dumb(true).build();
        Session session = SessionTest.photos();
        Repl repl = new Repl(session);
        CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> repl.interactive(terminal, dir.resolve("history")));

        type(keys, ":mode js\nwhile (true) {}\n");
        await(session::busy);
        Thread.sleep(200); // spinning in the sandbox now
        terminal.raise(Terminal.Signal.INT);
        await(() -> screen.toString(StandardCharsets.UTF_8).contains("script was cancelled"));
        type(keys, "return nodes.length + 1\n");
        await(() -> screen.toString(StandardCharsets.UTF_8).contains("4  : number"));
        keys.close(); // Ctrl+D: end of input
        loop.get(10, TimeUnit.SECONDS);

        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("error: script was cancelled");
        assertThat(dir.resolve("history")).content().contains("while (true) {}");
    }

    private static void type(PipedOutputStream keys, String text) throws java.io.IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void openTemplatesBracketsAndStringsContinueOnTheNextLine() {
        assertThat(Repl.ContinuationParser.open("{{ nodes.map(n =>", Session.Mode.TEMPLATE)).isTrue();
        assertThat(Repl.ContinuationParser.open("{{ [1, 2", Session.Mode.TEMPLATE)).isTrue();
        assertThat(Repl.ContinuationParser.open("{{ 'a }}' }}", Session.Mode.TEMPLATE)).isFalse();
        assertThat(Repl.ContinuationParser.open("plain text (", Session.Mode.TEMPLATE)).isFalse();
        assertThat(Repl.ContinuationParser.open("const s = `multi", Session.Mode.JS)).isTrue();
        assertThat(Repl.ContinuationParser.open("if (x) {", Session.Mode.JS)).isTrue();
        assertThat(Repl.ContinuationParser.open("return 'a\\'b'", Session.Mode.JS)).isFalse();
    }
}
