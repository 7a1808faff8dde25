package io.flowhost.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowhost.plugins.ActionCatalog;
import io.flowhost.plugins.RegisteredAction;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.ScriptActions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What script.js and script.template will run is checked before the job runs, in the files' own coordinates. */
class ScriptChecksTest {
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

    @TempDir
    Path dir;

    private List<String> problems(String steps) throws Exception {
        Path job = Files.writeString(dir.resolve("job.json"), "{\"id\": \"x\", \"steps\": [\n" + steps + "\n]}\n");
        return JobLoader.validate(job, ACTIONS, JS).stream().map(Problem::toString).toList();
    }

    @Test
    void aScriptStepTakesEitherItsCodeOrAFile() throws Exception {
        Files.writeString(dir.resolve("ok.js"), "return 1");

        assertThat(problems("""
                {"id": "both", "action": "script.js", "params": {"code": "return 1", "file": "ok.js"}},
                {"id": "neither", "action": "script.js", "params": {}},
                {"id": "none", "action": "script.template", "params": {"var": "x"}},
                {"id": "twice", "action": "script.template", "params": {"template": "hi", "file": "ok.js"}}""")).containsExactly(
                dir.resolve("job.json") + ":2:70: action 'script.js' takes either 'code' or 'file', not both (at /steps/0/params/file)",
                dir.resolve("job.json") + ":3:52: action 'script.js' needs either 'code' or 'file' (at /steps/1/params)",
                dir.resolve("job.json") + ":4:55: action 'script.template' needs either 'template' or 'file' (at /steps/2/params)",
                dir.resolve("job.json") + ":5:75: action 'script.template' takes either 'template' or 'file', not both "
                        + "(at /steps/3/params/file)");
    }

    @Test
    void aMissingOrUnreadableFileIsReportedAtTheFileParameter() throws Exception {
        Files.createDirectories(dir.resolve("js/folder.js"));

        assertThat(problems("""
                {"id": "missing", "action": "script.js", "params": {"file": "js/none.js"}},
                {"id": "folder", "action": "script.template", "params": {"file": "js/../js/folder.js"}}""")).containsExactly(
                dir.resolve("job.json") + ":2:61: no such file: " + dir.resolve("js/none.js") + " (at /steps/0/params/file)",
                dir.resolve("job.json") + ":3:66: cannot read " + dir.resolve("js/folder.js") + ": Is a directory "
                        + "(at /steps/1/params/file)");
    }

    @Test
    void aBrokenTemplateFileIsReportedInItsOwnLinesAndColumns() throws Exception {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/report.txt"), "Report\n  {{ nodes.length }} files, {{ humanBytes(sum(nodes, 'size'))\n");

        assertThat(problems("""
                {"id": "render", "action": "script.template", "params": {"file": "templates/report.txt"}}"""))
                .containsExactly(dir.resolve("templates/report.txt") + ":2:29: template: '{{' is never closed with '}}' "
                        + "(at /steps/0/params/file)");
    }

    @Test
    void aScriptsSyntaxErrorIsReportedWhereItIs() throws Exception {
        Files.createDirectories(dir.resolve("js"));
        Files.writeString(dir.resolve("js/x.js"), "const total = sum(nodes, 'size')\n\nif (total > 0 {\n  return total\n}\n");

        List<String> problems = problems("""
                {"id": "inline", "action": "script.js", "params": {"code": "const a = 1\\nreturn a +"}},
                {"id": "file", "action": "script.js", "params": {"file": "js/x.js"}}""");

        assertThat(problems).containsExactly(
                dir.resolve("job.json") + ":2:84: SyntaxError: Expected an operand but found the end of the script "
                        + "(at /steps/0/params/code)",
                dir.resolve("js/x.js") + ":3:15: SyntaxError: Expected ) but found { (at /steps/1/params/file)");
    }

    @Test
    void codeIsNotCheckedAsATemplate() throws Exception {
        assertThat(problems("""
                {"id": "braces", "action": "script.js", "params": {"code": "return '{{ not a template'"}},
                {"id": "fine", "action": "script.template", "params": {"template": "{{ node.name }} {{"}}""")).containsExactly(
                dir.resolve("job.json") + ":3:85: template: '{{' is never closed with '}}' (at /steps/1/params/template)");
    }

    @Test
    void theSamplesAreValid() throws Exception {
        Path root = Path.of(System.getProperty("flowhost.root", ".."));

        assertThat(JobLoader.validate(root.resolve("scripts/jobs/report.json"), ACTIONS, JS))
                .allSatisfy(problem -> assertThat(problem.message()).startsWith("unknown action 'core."));
    }
}
