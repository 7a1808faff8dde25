package io.flowhost.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.JobLoader;
import io.flowhost.plugins.ActionCatalog;
import io.flowhost.plugins.RegisteredAction;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.ScriptActions;
import io.flowhost.store.StepRecord;
import io.flowhost.store.TaskJournal;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs read from JSON and run with the real sandbox: script steps, templates and their limits. */
class ScriptStepsTest {
    private static final JsExpressions JS = new JsExpressions(Limits.defaults());
    private static final List<RegisteredAction> BUILT_INS = ScriptActions.builtIns(JS);
    private static final ActionCatalog ACTIONS = new ActionCatalog() {
        @Override
        public Optional<RegisteredAction> find(String id) {
            return BUILT_INS.stream().filter(a -> a.id().equals(id)).findFirst();
        }

        @Override
        public List<RegisteredAction> all() {
            return BUILT_INS;
        }
    };

    private static TaskRecord run(String json, Message input) throws InterruptedException {
        Job job = JobLoader.load(Path.of("test.json"), json, ACTIONS, JS);
        return new Runner(ACTIONS, JS, TaskJournal.NONE).run(job, new RunRequest(input, null), TaskListener.NONE);
    }

    private static StepRecord step(TaskRecord task, String path) {
        return task.steps().stream().filter(s -> s.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void scriptLimitsComeFromTheJobThenTheStep() throws Exception {
        TaskRecord task = run("""
                {"id": "limits", "limits": {"statements": 100000},
                 "steps": [
                   {"id": "job-limit", "action": "script.js", "params": {"code": "while (true) {}"}, "onError": "continue"},
                   {"id": "step-limit", "action": "script.js", "params": {"code": "for (let i = 0; i < 1000; i++) {}"},
                    "limits": {"statements": 50}, "onError": "continue"},
                   {"id": "fine", "action": "script.js", "params": {"code": "return 1 + 1"}}
                 ]}
                """, Message.empty());

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(step(task, "job-limit").error()).isEqualTo("script exceeded its statement limit (100000 statements) at 1:8");
        assertThat(step(task, "step-limit").error()).startsWith("script exceeded its statement limit (50 statements) at 1:");
        assertThat(step(task, "fine").output().json().asInt()).isEqualTo(2);
    }

    @Test
    void nothingAStepDoesToTheEngineLeaksIntoTheNextStepOrTask() throws Exception {
        String job = """
                {"id": "pollute", "steps": [
                   {"id": "check", "action": "script.js", "params": {"code": "return [typeof ({}).polluted, typeof leaked]"}},
                   {"id": "pollute", "action": "script.js",
                    "params": {"code": "Object.prototype.polluted = 1; globalThis.leaked = 2; Array.prototype.push = null; return 'done'"}},
                   {"id": "after", "action": "script.js", "params": {"code": "const a = []; a.push(1); return [typeof ({}).polluted, typeof leaked, a.length]"}},
                   {"id": "template", "action": "script.template", "params": {"template": "{{ typeof ({}).polluted }}"}}
                 ]}
                """;

        TaskRecord first = run(job, Message.empty());
        TaskRecord second = run(job, Message.empty());

        assertThat(step(first, "after").output().json().toString()).isEqualTo("[\"undefined\",\"undefined\",1]");
        assertThat(step(first, "template").output().string()).isEqualTo("undefined");
        assertThat(step(second, "check").output().json().toString()).isEqualTo("[\"undefined\",\"undefined\"]");
    }

    @Test
    void dataFromTheMessageStaysData() throws Exception {
        Message hostile = Message.empty().withNodes(List.of(Node.of("/in/{{ 7*7 }}.txt")))
                .withVar("code", "{{ (() => { while (true) {} })() }}");

        TaskRecord task = run("""
                {"id": "inject", "steps": [
                   {"id": "name", "action": "script.template", "params": {"template": "file: {{ node.name }}, code: {{ vars.code }}"}},
                   {"id": "copy", "action": "script.js", "params": {"code": "setVar('again', vars.code); return node.name"}},
                   {"id": "echo", "action": "script.template", "params": {"template": "{{ vars.again }}"}}
                 ]}
                """, hostile);

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(step(task, "name").output().string())
                .isEqualTo("file: {{ 7*7 }}.txt, code: {{ (() => { while (true) {} })() }}");
        assertThat(step(task, "copy").output().string()).isEqualTo("{{ 7*7 }}.txt");
        assertThat(step(task, "echo").output().string()).isEqualTo("{{ (() => { while (true) {} })() }}");
    }

    @Test
    void aScriptFileNameIsNeverRenderedFromData(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("{{ vars.which }}"), "return 'the file named as written'");
        Files.writeString(dir.resolve("evil.js"), "return 'the file the data chose'");
        Path job = Files.writeString(dir.resolve("file.json"), """
                {"id": "file", "steps": [
                   {"id": "run", "action": "script.js", "params": {"file": "{{ vars.which }}"}}
                 ]}
                """);

        TaskRecord task = new Runner(ACTIONS, JS, TaskJournal.NONE).run(JobLoader.load(job, ACTIONS, JS),
                new RunRequest(Message.empty().withVar("which", "evil.js"), null), TaskListener.NONE);

        assertThat(step(task, "run").output().string()).isEqualTo("the file named as written");
    }

    @Test
    void scriptStepsSetVariablesNodesAndLogIntoTheTask() throws Exception {
        TaskRecord task = run("""
                {"id": "script", "steps": [
                   {"id": "make", "action": "script.js", "params": {"code":
                     "setNodes([{path: '/x/a.txt', size: 3}]); setVar('n', 1); console.warn('made'); return {ok: true}"}},
                   {"id": "use", "action": "script.template", "params": {"template": "{{ node.name }} {{ vars.n }} {{ last.json.ok }}", "var": "said"}}
                 ]}
                """, Message.empty());

        assertThat(task.output().nodes()).extracting(Node::name).containsExactly("a.txt");
        assertThat(task.output().var("said").orElseThrow().asText()).isEqualTo("a.txt 1 true");
        assertThat(task.logs()).extracting(l -> l.level() + " " + l.step() + " " + l.text()).containsExactly("WARN make made");
    }

    @Test
    void filtersAreJavaScript() throws Exception {
        Message photos = Message.empty().withNodes(List.of(new Node("/a.jpg", "a.jpg", 2048L, null, null),
                new Node("/b.txt", "b.txt", 10L, null, null)));

        TaskRecord task = run("""
                {"id": "filter", "steps": [
                   {"id": "jpg", "filter": "{{ node.name.endsWith('.jpg') && node.size > 1024 }}",
                    "else": [{"id": "other", "action": "script.js", "params": {"code": "return nodes.map(n => n.name)"}}]},
                   {"id": "kept", "action": "script.js", "params": {"code": "return nodes.map(n => n.name)"}}
                 ]}
                """, photos);

        assertThat(step(task, "jpg/else/other").output().json().toString()).isEqualTo("[\"b.txt\"]");
        assertThat(step(task, "kept").output().json().toString()).isEqualTo("[\"a.jpg\"]");
    }
}
