package io.flowhost.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowhost.api.ParamType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobLoaderTest {
    private static final Path FILE = Path.of("jobs/x.json");

    private static List<String> problems(String text) {
        try {
            JobLoader.load(FILE, text, Fixtures.ACTIONS, Fixtures.BRACES);
            return List.of();
        } catch (InvalidJobException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
    }

    private static Job load(String text) {
        return JobLoader.load(FILE, text, Fixtures.ACTIONS, Fixtures.BRACES);
    }

    @Test
    void malformedJsonIsOneProblemAtTheParsersPlace() {
        assertThat(problems("""
                {
                  "id": "x",
                  "steps": [ { "id": "a", } ]
                }
                """)).singleElement().asString()
                .startsWith("jobs/x.json:3:27: invalid JSON: Unexpected character ('}' (code 125))");
    }

    @Test
    void duplicateKeysAreMalformed() {
        assertThat(problems("{\"id\": \"x\", \"id\": \"y\", \"steps\": []}")).singleElement().asString()
                .isEqualTo("jobs/x.json:1:17: invalid JSON: Duplicate field 'id'");
    }

    @Test
    void aTruncatedFileSaysWhereWhatIsOpenStartedWithoutParserInternals() {
        assertThat(problems("{\n  \"id\": \"x\",\n  \"steps\": [1, 2")).containsExactly(
                "jobs/x.json:3:17: invalid JSON: Unexpected end-of-input: expected close marker for Array (start marker at 3:12)");
        assertThat(problems("{\"id\": \"x\", \"steps\": [}")).containsExactly(
                "jobs/x.json:1:23: invalid JSON: Unexpected close marker '}': expected ']' (for Array starting at 1:22)");
    }

    @Test
    void everyProblemOfAFileIsReportedInFileOrder() {
        assertThat(problems("""
                {
                  "id": "Bad Id",
                  "maxConcurrency": 0,
                  "timeout": "soon",
                  "colour": "blue",
                  "steps": [
                    { "id": "a", "acton": "core.log" },
                    { "id": "b", "action": "core.lgo", "params": { "message": "hi" } },
                    { "id": "c", "action": "core.log", "params": { "mesage": "hi", "level": "loud" } },
                    { "id": "a", "action": "core.sleep", "params": { "duration": "later" }, "onError": "retry" }
                  ]
                }
                """)).containsExactly(
                "jobs/x.json:2:9: 'id' \"Bad Id\" is not a job id: use lowercase letters, digits, '.', '_' and '-' (at /id)",
                "jobs/x.json:3:21: 'maxConcurrency' must be at least 1 (at /maxConcurrency)",
                "jobs/x.json:4:14: 'soon' is not a duration (write e.g. 500ms, 30s, 10m, 1h30m) (at /timeout)",
                "jobs/x.json:5:3: unknown key 'colour' in the job (at /colour)",
                "jobs/x.json:7:5: a step needs an 'action', a 'forEach', a 'parallel' or a 'filter' (at /steps/0)",
                "jobs/x.json:7:18: unknown key 'acton' in step 'a' (at /steps/0/acton)",
                "jobs/x.json:8:28: unknown action 'core.lgo'; did you mean 'core.log'?; known core actions: "
                        + "[core.log, core.set, core.sleep] (at /steps/1/action)",
                "jobs/x.json:9:50: action 'core.log' needs parameter 'message' (at /steps/2/params)",
                "jobs/x.json:9:52: action 'core.log' has no parameter 'mesage'; it takes [message, level] "
                        + "(at /steps/2/params/mesage)",
                "jobs/x.json:9:77: parameter 'level' must be one of [info, warn, error], not \"loud\" "
                        + "(at /steps/2/params/level)",
                "jobs/x.json:10:13: duplicate step id 'a' (first at 7:13) (at /steps/3/id)",
                "jobs/x.json:10:66: parameter 'duration': 'later' is not a duration (write e.g. 500ms, 30s, 10m, 1h30m) "
                        + "(at /steps/3/params/duration)",
                "jobs/x.json:10:88: 'onError' must be one of [\"fail\", \"continue\"], not \"retry\" (at /steps/3/onError)");
    }

    @Test
    void requiredKeysAndTypesAreCheckedByTheSchema() {
        assertThat(problems("""
                { "label": 5, "steps": [] }
                """)).containsExactly(
                "jobs/x.json:1:1: 'id' is required in the job (at /)",
                "jobs/x.json:1:12: 'label' must be a string, not an integer (at /label)",
                "jobs/x.json:1:24: 'steps' must not be empty (at /steps)");
    }

    @Test
    void stepShapesAreChecked() {
        assertThat(problems("""
                {"id": "x", "steps": [
                  {"id": "both", "action": "core.log", "params": {"message": "m"}, "forEach": "nodes", "do": []},
                  {"id": "lonely-else", "action": "core.log", "params": {"message": "m"}, "else": []},
                  {"id": "no-do", "forEach": "nodes"},
                  {"id": "odd", "forEach": "files", "do": [{"id": "in", "filter": "{{ true }}"}]}
                ]}
                """)).containsExactly(
                "jobs/x.json:2:3: a step runs one of 'action', 'forEach' or 'parallel', not 'action' and 'forEach' (at /steps/0)",
                "jobs/x.json:3:75: 'else' needs a 'filter' on the same step (at /steps/1/else)",
                "jobs/x.json:4:19: 'forEach' needs a 'do' sequence (at /steps/2/forEach)",
                "jobs/x.json:5:28: 'forEach' must be 'nodes', 'items' or a template giving an array, not 'files' "
                        + "(at /steps/3/forEach)");
    }

    @Test
    void aTimeoutNeedsAnActionOrAFilterToBound() {
        assertThat(problems("""
                {"id": "x", "steps": [
                  {"id": "each", "forEach": "nodes", "timeout": "1s", "do": [{"id": "a", "filter": "{{ x }}", "timeout": "1s"}]},
                  {"id": "fork", "parallel": [[{"id": "b", "action": "core.log", "params": {"message": "b"}, "timeout": "1s"}]],
                   "timeout": "2s"},
                  {"id": "some", "filter": "{{ x }}", "forEach": "nodes", "do": [{"id": "c", "filter": "{{ y }}"}], "timeout": "1s"}
                ]}
                """)).containsExactly(
                "jobs/x.json:2:38: 'timeout' bounds a step's filter and its action, and step 'each' has neither; "
                        + "put it on the steps inside, or use the job's 'timeout' (at /steps/0/timeout)",
                "jobs/x.json:4:4: 'timeout' bounds a step's filter and its action, and step 'fork' has neither; "
                        + "put it on the steps inside, or use the job's 'timeout' (at /steps/1/timeout)");
    }

    @Test
    void duplicateIdsAreFoundInNestedSequences() {
        assertThat(problems("""
                {"id": "x", "steps": [
                  {"id": "f", "filter": "{{ x }}", "else": [{"id": "log", "action": "core.log", "params": {"message": "a"}}]},
                  {"id": "p", "parallel": [[{"id": "log", "action": "core.log", "params": {"message": "b"}}]]}
                ]}
                """)).containsExactly("jobs/x.json:3:36: duplicate step id 'log' (first at 2:52) (at /steps/1/parallel/0/0/id)");
    }

    @Test
    void templateSyntaxErrorsAreLocatedInsideTheFile() {
        assertThat(problems("""
                {"id": "x", "steps": [
                  {"id": "say", "action": "core.log", "params": {"message": "a \\"quoted\\" {{ node.name }} and {{ oops"}}
                ]}
                """)).containsExactly("jobs/x.json:2:95: template: unclosed {{ (at /steps/0/params/message)");
    }

    @Test
    void literalParameterTypesAreCheckedButTemplatesWaitForRunTime() {
        assertThat(problems("""
                {"id": "x", "steps": [
                  {"id": "a", "action": "test.count", "params": {"limit": "ten"}},
                  {"id": "b", "action": "test.count", "params": {"limit": "{{ params.n }}"}},
                  {"id": "c", "action": "test.count", "params": {"limit": "12"}}
                ]}
                """)).containsExactly(
                "jobs/x.json:2:59: parameter 'limit' must be an integer, not \"ten\" (at /steps/0/params/limit)");
    }

    @Test
    void parameterDefaultsMustMatchTheirType() {
        assertThat(problems("""
                {"id": "x",
                 "parameters": [{"name": "n", "type": "integer", "default": "many"},
                                {"name": "n", "type": "strange"}],
                 "steps": [{"id": "a", "action": "core.log", "params": {"message": "m"}}]}
                """)).containsExactly(
                "jobs/x.json:2:61: default of parameter 'n' must be an integer, not \"many\" (at /parameters/0/default)",
                "jobs/x.json:3:26: duplicate parameter 'n' (at /parameters/1/name)",
                "jobs/x.json:3:39: 'type' must be one of [\"string\", \"integer\", \"number\", \"boolean\", "
                        + "\"duration\", \"array\", \"object\", \"any\"], not \"strange\" (at /parameters/1/type)");
    }

    @Test
    void validJobBecomesTheModelWithPointers() {
        Job job = load("""
                {
                  "id": "thumbnails", "label": "Thumbs", "maxConcurrency": 2, "timeout": "10m",
                  "parameters": [ { "name": "folder", "type": "string", "default": "/data/in" } ],
                  "steps": [
                    { "id": "big", "filter": "{{ node.size > 1024 }}",
                      "else": [ { "id": "skip", "action": "core.log", "params": { "message": "small" } } ] },
                    { "id": "each", "forEach": "nodes", "do": [
                        { "id": "wait", "action": "core.sleep", "params": { "duration": "1s" }, "timeout": "30s",
                          "onError": "continue", "bypass": true, "breakAfter": true } ] },
                    { "id": "fork", "parallel": [ [ { "id": "x", "action": "core.log", "params": { "message": "x" } } ] ] }
                  ]
                }
                """);

        assertThat(job.id()).isEqualTo("thumbnails");
        assertThat(job.maxConcurrency()).isEqualTo(2);
        assertThat(job.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(job.parameters()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(ParamType.STRING);
            assertThat(p.defaultValue().asText()).isEqualTo("/data/in");
        });
        assertThat(job.steps()).extracting(Step::id).containsExactly("big", "each", "fork");
        assertThat(job.steps().get(0).elseSteps()).singleElement().satisfies(s -> assertThat(s.pointer()).isEqualTo("/steps/0/else/0"));
        Step wait = job.steps().get(1).doSteps().get(0);
        assertThat(wait.pointer()).isEqualTo("/steps/1/do/0");
        assertThat(wait.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(wait.onError()).isEqualTo(Step.OnError.CONTINUE);
        assertThat(wait.bypass()).isTrue();
        assertThat(wait.breakAfter()).isTrue();
        assertThat(job.steps().get(2).parallel().get(0).get(0).pointer()).isEqualTo("/steps/2/parallel/0/0");
    }

    @Test
    void missingFileIsAProblemNotACrash() {
        assertThatThrownBy(() -> JobLoader.load(Path.of("nowhere.json"), Fixtures.ACTIONS, null))
                .isInstanceOf(InvalidJobException.class)
                .hasMessage("nowhere.json:1:1: no such file");
    }
}
