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

    /** A job of built-in actions only: typed parameters, a filter with an else step, scripts inline and in a file. */
    static Path trialJob(Path dir) throws java.io.IOException {
        Files.writeString(dir.resolve("stats.js"), "setVar('seen', true)\nreturn {names: nodes.map(n => n.name).join(' '), n: params.n}");
        return Files.writeString(dir.resolve("trial.json"), """
                {"id": "trial",
                 "parameters": [{"name": "n", "type": "integer", "default": 2}, {"name": "who", "type": "string", "default": "Ada"}],
                 "steps": [
                   {"id": "big", "filter": "{{ node.size > 1000 }}",
                    "else": [{"id": "small", "action": "script.template", "params": {"template": "small: {{ node.name }}"}}]},
                   {"id": "count", "action": "script.js", "params": {"code": "return nodes.length + params.n"}},
                   {"id": "stats", "action": "script.js", "params": {"file": "stats.js"}},
                   {"id": "mail", "action": "script.template",
                    "params": {"template": "{{ params.who }}", "var": "{{ 'to' }}"}, "limits": {"statements": 1000}}
                 ]}
                """);
    }

    static Session withJob(Path job) {
        Session session = photos();
        io.flowhost.plugins.ActionCatalog builtIns = new io.flowhost.plugins.ActionCatalog() {
            private final List<io.flowhost.plugins.RegisteredAction> all = io.flowhost.script.ScriptActions.builtIns(JS);

            @Override
            public java.util.Optional<io.flowhost.plugins.RegisteredAction> find(String id) {
                return all.stream().filter(a -> a.id().equals(id)).findFirst();
            }

            @Override
            public List<io.flowhost.plugins.RegisteredAction> all() {
                return all;
            }
        };
        session.job(new JobTrial(io.flowhost.jobs.JobLoader.load(job, builtIns, JS)));
        return session;
    }

    @Test
    void aJobsParametersAreTypedAndDefaulted() throws Exception {
        Session session = withJob(trialJob(dir));

        assertThat(session.eval("{{ params.n + 1 }} {{ params.who }}").display()).isEqualTo("3 Ada");
        assertThat(session.command(":param n=7").output()).isEqualTo("params.n = 7");
        assertThat(session.eval("{{ params.n + 1 }}").display()).isEqualTo("8");
        assertThatThrownBy(() -> session.command(":param n=seven")).hasMessage("parameter 'n' must be an integer, not \"seven\"");
        assertThatThrownBy(() -> session.command(":param m=1"))
                .hasMessage("unknown parameter 'm' for job 'trial'; it takes [n, who]");
        assertThat(session.eval("{{ params.n }}").display()).isEqualTo("7");
    }

    @Test
    void stepsListWhatTheyEvaluateAndLoadOntoTheInputLine() throws Exception {
        Session session = withJob(trialJob(dir));

        assertThat(session.command(":steps").output()).isEqualTo("""
                job 'trial'
                  params: n=2 (integer) who="Ada" (string)
                  steps:
                    big: filter
                    small (script.template): template
                    count (script.js): code
                    stats (script.js): file stats.js
                    mail (script.template): template, params.var
                  :step ID loads a step's first template (:step ID WHERE another one)""");
        Session.Reply stats = session.command(":step stats");
        assertThat(stats.output()).isEqualTo("step 'stats', file stats.js, mode js");
        assertThat(stats.input()).startsWith("setVar('seen', true)\nreturn {names:");
        assertThat(session.mode()).isEqualTo(Session.Mode.JS);
        Session.Reply mail = session.command(":step mail var");
        assertThat(mail.output()).isEqualTo("step 'mail', params.var, mode template (also: template)");
        assertThat(mail.input()).isEqualTo("{{ 'to' }}");
        assertThat(session.eval("{{ run.step }}").display()).isEqualTo("mail");
        assertThatThrownBy(() -> session.eval("{{ (() => { while (true) {} })() }}"))
                .as("the step's limits apply").hasMessageStartingWith("script exceeded its statement limit (1000 statements)");
    }

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

        assertThat(session.command(":param who=Ada").output()).isEqualTo("params.who = \"Ada\"");
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
        assertThatThrownBy(() -> session.command(":lod x.json")).hasMessage("unknown command :lod; did you mean ':load'?; try :help");
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
    void saveWritesWhatWasEvaluatedInTheModeItWasEvaluatedIn() throws Exception {
        Session session = photos();
        session.eval("Hello {{ node.name }}");
        session.command(":mode js");
        Path step = dir.resolve("step.json");

        assertThat(session.command(":save " + step).output())
                .isEqualTo("saved to " + step + ": a script.template step rendering 'Hello {{ node.name }}'");
        assertThat(Files.readString(step)).contains("\"action\" : \"script.template\"", "\"template\" : \"Hello {{ node.name }}\"");

        session.eval("const n = nodes.length\nreturn n");
        Path script = dir.resolve("script.json");
        assertThat(session.command(":save " + script).output())
                .isEqualTo("saved to " + script + ": a script.js step running 'const n = nodes.length\\nreturn n'");
        assertThat(Files.readString(script)).contains("\"action\" : \"script.js\"", "\"code\" : \"const n = nodes.length\\nreturn n\"");
    }

    @Test
    void saveNeverReplacesAFileUnlessToldWithABang() throws Exception {
        Session session = photos();
        Path step = Files.writeString(dir.resolve("step.json"), "precious");
        session.eval("{{ node.name }}");

        assertThatThrownBy(() -> session.command(":save " + step))
                .hasMessage(step + " already exists; :save! " + step + " replaces it");
        assertThat(step).hasContent("precious");
        assertThat(session.command(":save! " + step).output()).startsWith("saved to " + step + ": ");
        assertThat(Files.readString(step)).contains("{{ node.name }}");
    }

    @Test
    void saveNamesTheMissingFolderAndExpandsTheHomeFolder() {
        Session session = photos();
        session.eval("{{ 1 }}");
        Path missing = dir.resolve("no/such/step.json");

        assertThatThrownBy(() -> session.command(":save " + missing))
                .hasMessage("cannot save to " + missing + ": there is no folder " + missing.getParent());
        assertThat(Session.expandHome("~/x.json")).isEqualTo(Path.of(System.getProperty("user.home"), "x.json"));
        assertThat(Session.expandHome("a~/x.json")).isEqualTo(Path.of("a~/x.json"));
        assertThatThrownBy(() -> photos().command(":save " + dir.resolve("x.json")))
                .hasMessage("nothing to save yet: evaluate a template or script first");
    }

    @Test
    void resetGoesBackToTheLoadedSample() {
        Session session = photos();
        session.sampleName("photos.json");
        session.command(":var album=\"Winter\"");
        session.command(":mode js");
        session.eval("setVar('seen', true); return 1");

        assertThat(session.command(":reset").output()).isEqualTo("back to photos.json: 3 nodes, 1 items, 1 vars");
        assertThat(session.message().var("album").orElseThrow().asText()).isEqualTo("Summer 2026");
        assertThat(session.message().var("seen")).isEmpty();
        assertThat(session.last()).isNull();
    }

    @Test
    void anEditThatIsNotAMessageLeavesTheMessageAsItWas() {
        Session session = photos();

        assertThatThrownBy(() -> session.edited("{\"nodes\": [", "edit.json"))
                .hasMessage("edit.json:1:12: invalid JSON: Unexpected end-of-input: expected close marker for Array "
                        + "(start marker at 1:11)");
        assertThatThrownBy(() -> session.edited("{\"node\": []}", "edit.json"))
                .hasMessage("edit.json: not a message: unknown message field 'node' (expected event, nodes, items, vars, outputs)");
        assertThat(session.message().nodes()).hasSize(3);
        session.edited("{\"vars\": {\"album\": \"Edited\"}}", "edit.json");
        assertThat(session.eval("{{ vars.album }} {{ nodes.length }}").display()).isEqualTo("Edited 0");
    }

    @Test
    void docCoversTheScopeHelpersAndBuiltInsByCategory() {
        Session session = photos();

        assertThat(session.command(":doc").output().lines().toList()).contains(
                "  scope       message node nodes item items vars last params event run",
                "  Array       length map filter find some reduce join slice includes indexOf sort flatMap at spread",
                "              from");
        assertThat(session.command(":doc Array").output()).startsWith("array.length  [Array]").contains("array.map(x => ...)  [Array]")
                .doesNotContain("[String]");
        assertThat(session.command(":doc json").output()).contains("toJson(value, indent?)  [json]", "JSON.parse(text)  [JSON]");
        assertThat(session.command(":doc nodes").output()).contains("nodes  [scope]\n    All nodes");
    }

    @Test
    void everyDocumentedExampleRunsAgainstTheSampleMessage() {
        Session session = photos();
        for (Docs.Entry entry : Docs.all()) {
            Session.Result result = session.eval("{{ " + entry.example() + " }}");
            if (entry.expected() != null) {
                assertThat(result.value().toString()).as(entry.name()).isEqualTo(entry.expected());
            }
        }
    }

    @Test
    void tryRunsAnExampleAgainstTheMessageAndPutsItOnTheInputLine() {
        Session session = photos();

        Session.Reply helper = session.command(":try humanBytes");
        Session.Reply builtIn = session.command(":try Array.map");

        assertThat(helper.output()).isEqualTo("humanBytes(1536)\n    => 1.5 KiB  : string\n    documented: \"1.5 KiB\"");
        assertThat(helper.input()).isEqualTo("{{ humanBytes(1536) }}");
        assertThat(builtIn.output()).isEqualTo("nodes.map(n => n.name)\n    => [\"beach.jpg\",\"notes.txt\",\"sunset.jpg\"]  : array");
        assertThatThrownBy(() -> session.command(":try slice"))
                .hasMessage("'slice' is String.slice and Array.slice; say which, e.g. :try String.slice");
        assertThatThrownBy(() -> session.command(":try humanByte"))
                .hasMessage("nothing documented is called 'humanByte'; did you mean 'humanBytes'?; :doc lists what is");
    }

    @Test
    void aPreviewKeepsNothing() {
        Session session = photos();
        session.eval("{{ 1 }}");
        session.mode(Session.Mode.JS);

        Session.Result preview = session.preview(session.snapshot(), "setVar('seen', true); return nodes.length", () -> false);

        assertThat(preview.display()).isEqualTo("3");
        assertThat(session.message().var("seen")).isEmpty();
        assertThat(session.last().asInt()).isEqualTo(1);
        assertThat(session.lastInput().text()).isEqualTo("{{ 1 }}");
    }

    @Test
    void anEmptyMessageIsFine() {
        assertThat(new Session(JS, Message.empty()).eval("{{ node }}").type()).isEqualTo("null");
    }
}
