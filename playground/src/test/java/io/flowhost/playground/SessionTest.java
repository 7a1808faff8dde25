package io.flowhost.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowhost.api.Message;
import io.flowhost.cli.Inputs;
import io.flowhost.cli.UserError;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.TemplateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    static final Path ROOT = Path.of(System.getProperty("flowhost.root", ".."));
    static final Path PHOTOS = ROOT.resolve("scripts/messages/photos.json");
    static final JsExpressions JS = new JsExpressions(Limits.defaults());

    @TempDir
    Path dir;

    static Session photos() {
        return new Session(JS, Inputs.message(PHOTOS.toString(), List.of(), java.io.InputStream.nullInputStream()));
    }

    @Test
    void templatesEvaluateAgainstTheSampleMessageWithTheirType() {
        Session session = photos();

        Session.Result count = session.eval("{{ nodes.length }}");
        Session.Result text = session.eval("{{ node.name }} from {{ vars.album }}");

        assertThat(count.display()).isEqualTo("3");
        assertThat(count.type()).isEqualTo("number");
        assertThat(text.display()).isEqualTo("beach.jpg from Summer 2026");
        assertThat(text.type()).isEqualTo("string");
    }

    @Test
    void lastIsThePreviousResult() {
        Session session = photos();
        session.eval("{{ nodes.map(n => n.size) }}");

        assertThat(session.eval("{{ last.filter(s => s > 1000000).length }}").display()).isEqualTo("2");
        assertThat(session.eval("{{ last * 10 }}").display()).isEqualTo("20");
    }

    @Test
    void scriptsSeeTheSameScopeAndLog() {
        Session session = photos();
        session.mode(Session.Mode.JS);

        Session.Result result = session.eval("console.log('sizes', nodes.length); setVar('seen', true); return {n: nodes.length}");

        assertThat(result.display()).isEqualTo("{\"n\":3}");
        assertThat(result.type()).isEqualTo("object");
        assertThat(result.logs()).containsExactly("info: sizes 3");
        assertThat(session.message().var("seen")).isPresent();
    }

    @Test
    void errorsCarryLineColumnAndACaret() {
        TemplateException e = org.assertj.core.api.Assertions.catchThrowableOfType(TemplateException.class,
                () -> photos().eval("size: {{ node.sise.toFixed(1) }}"));

        assertThat(Errors.format(e)).isEqualTo("""
                error: TypeError: Cannot read property 'toFixed' of undefined at 1:10
                size: {{ node.sise.toFixed(1) }}
                         ^""");
    }

    @Test
    void commandsChangeTheSession() throws Exception {
        Session session = photos();
        Path file = Files.writeString(dir.resolve("n.txt"), "hello");

        assertThat(session.command(":param who=Ada").output()).isEqualTo("params.who set");
        assertThat(session.command(":var n=[1,2]").output()).isEqualTo("vars.n set");
        assertThat(session.command(":node " + file).output()).isEqualTo("node n.txt added");
        assertThat(session.eval("{{ params.who }} {{ vars.n.length }} {{ nodes[3].size }}").display()).isEqualTo("Ada 2 5");
        assertThat(session.command(":mode js").output()).isEqualTo("mode js");
        assertThat(session.mode()).isEqualTo(Session.Mode.JS);
        assertThat(session.command(":show").output()).contains("\"album\" : \"Summer 2026\"", "params: {\"who\":\"Ada\"}");
        assertThat(session.command(":doc humanBytes").output()).startsWith("humanBytes(bytes)  [numbers]");
        assertThat(session.command(":quit").quit()).isTrue();
        assertThatThrownBy(() -> session.command(":frobnicate")).isInstanceOf(UserError.class)
                .hasMessage("unknown command :frobnicate; try :help");
    }

    @Test
    void loadingABadMessageFileSaysWhereAndKeepsTheSession() throws Exception {
        Session session = photos();
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\n  \"nodes\": [1,\n}");

        assertThatThrownBy(() -> session.command(":load " + bad)).isInstanceOf(UserError.class)
                .hasMessageStartingWith(bad + ":3:1: invalid JSON: ");
        assertThat(session.eval("{{ nodes.length }}").display()).isEqualTo("3");
        Path wrongShape = Files.writeString(dir.resolve("shape.json"), "{\"node\": []}");
        assertThatThrownBy(() -> session.command(":load " + wrongShape))
                .hasMessage(wrongShape + ": not a message: unknown message field 'node' (expected event, nodes, items, vars, outputs)");
    }

    @Test
    void saveWritesTheLastTemplateAsAStep() throws Exception {
        Session session = photos();
        session.eval("Hello {{ node.name }}");
        Path step = dir.resolve("step.json");

        assertThat(session.command(":save " + step).output()).isEqualTo("saved a script.template step to " + step);
        assertThat(Files.readString(step)).contains("\"action\" : \"script.template\"", "\"template\" : \"Hello {{ node.name }}\"");
    }

    @Test
    void completionOffersScopeNamesHelpersAndMessageFields() {
        Session session = photos();

        assertThat(session.complete("no")).containsExactly("node", "nodes", "now");
        assertThat(session.complete("node.")).containsExactly("node.meta", "node.mtime", "node.name", "node.path", "node.size");
        assertThat(session.complete("node.meta.c")).containsExactly("node.meta.camera");
        assertThat(session.complete("vars.al")).containsExactly("vars.album");
        assertThat(session.complete("nodes.l")).containsExactly("nodes.length");
        assertThat(session.complete("humanB")).containsExactly("humanBytes");
    }

    @Test
    void anEmptyMessageIsFine() {
        assertThat(new Session(JS, Message.empty()).eval("{{ node }}").type()).isEqualTo("null");
    }
}
