package io.flowhost.playground;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowhost.cli.Flowhost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    static Result flowhost(String... args) {
        CommandLine commandLine = Flowhost.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new Result(commandLine.execute(args), out.toString(), err.toString());
    }

    @Test
    void stringsPrintRawAndOtherValuesAsJson() {
        String photos = SessionTest.PHOTOS.toString();

        assertThat(flowhost("eval", "-m", photos, "{{ node.name }}")).isEqualTo(new Result(0, "beach.jpg\n", ""));
        assertThat(flowhost("eval", "-m", photos, "{{ nodes.map(n => n.name) }}").out())
                .isEqualTo("[\"beach.jpg\",\"notes.txt\",\"sunset.jpg\"]\n");
        assertThat(flowhost("eval", "--param", "who=Ada", "--var", "n=[1,2]", "{{ params.who }}:{{ vars.n[1] }}").out())
                .isEqualTo("Ada:2\n");
    }

    @Test
    void jsonReportsValueTypeAndLogs() {
        Result result = flowhost("eval", "--js", "--json", "console.warn('careful'); return 6 * 7");

        assertThat(result).isEqualTo(new Result(0, "{\"value\":42,\"type\":\"number\",\"logs\":[\"warn: careful\"]}\n", ""));
    }

    @Test
    void textMayComeFromAFile() throws Exception {
        Path script = Files.writeString(dir.resolve("s.js"), "return params.x + '!'");

        assertThat(flowhost("eval", "--js", "-p", "x=hey", "@" + script).out()).isEqualTo("hey!\n");
        assertThat(flowhost("eval", "@" + dir.resolve("none.txt"))).isEqualTo(
                new Result(2, "", "flowhost: " + dir.resolve("none.txt") + ": no such file\n"));
    }

    @Test
    void evaluationErrorsExit1WithACaret() {
        Result result = flowhost("eval", "--js", "const a = 1;\nreturn a.b.c");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: TypeError: Cannot read property 'c' of undefined at 2:8\nreturn a.b.c\n       ^\n");
    }

    @Test
    void badInputsExit2() throws Exception {
        Path bad = Files.writeString(dir.resolve("m.json"), "{\"nodes\": [}");

        assertThat(flowhost("eval", "-m", bad.toString(), "{{ 1 }}").err())
                .startsWith("flowhost: " + bad + ":1:12: invalid JSON: ");
        assertThat(flowhost("eval", "--var", "x={oops", "{{ 1 }}").exit()).isEqualTo(2);
        assertThat(flowhost("eval").exit()).isEqualTo(2);
    }

    static final String PLUGINS = SessionTest.ROOT.resolve("plugins").toString();

    private Path trialJob() throws Exception {
        return SessionTest.trialJob(dir);
    }

    @Test
    void playgroundCommandsAnswerHelpAndAcceptVerboseBeforeOrAfter() {
        for (String command : List.of("eval", "docs", "playground")) {
            for (String help : List.of("--help", "-h")) {
                Result result = flowhost(command, help);
                assertThat(result.exit()).as(command + " " + help).isZero();
                assertThat(result.out()).startsWith("Usage: flowhost " + command + " ");
            }
        }
        assertThat(flowhost("eval", "-v", "{{ 1 + 1 }}")).isEqualTo(new Result(0, "2\n", ""));
        assertThat(flowhost("--verbose", "eval", "{{ 1 + 1 }}")).isEqualTo(new Result(0, "2\n", ""));
        assertThat(flowhost("docs", "-v", "sha1").exit()).isZero();
    }

    @Test
    void verboseAddsTheStackTraceOfAScriptFailure() {
        Result quiet = flowhost("eval", "--js", "return null.x");
        Result verbose = flowhost("eval", "--js", "-v", "return null.x");

        assertThat(quiet.err().lines()).hasSize(3).first().asString().startsWith("error: TypeError: ");
        assertThat(verbose.err()).startsWith(quiet.err()).contains("io.flowhost.script.TemplateException", "\tat ");
    }

    static final String NEVER_SETTLED = "the script's promise never settled: it waits for something that cannot happen "
            + "in the sandbox (there are no timers and no I/O)";

    @Test
    void aPromiseThatNeverSettlesIsAnOrdinaryFailure() {
        Result result = flowhost("eval", "--js", "return new Promise(() => {})");

        assertThat(result).isEqualTo(new Result(1, "", "error: " + NEVER_SETTLED + " at 1:1\nreturn new Promise(() => {})\n^\n"));
    }

    @Test
    void jsonReportsAFailureAsAnErrorObject() throws Exception {
        Result located = flowhost("eval", "--json", "Hi {{ nod.name }}");
        Result script = flowhost("eval", "--json", "--js", "return new Promise(() => {})");

        assertThat(located).isEqualTo(new Result(1,
                "{\"error\":{\"message\":\"ReferenceError: nod is not defined\",\"line\":1,\"column\":7}}\n", ""));
        assertThat(script.exit()).isEqualTo(1);
        assertThat(JSON.readTree(script.out()).get("error").get("message").asText()).isEqualTo(NEVER_SETTLED);
    }

    @Test
    void paramsAreTextWithoutAJobAndOfTheDeclaredTypeWithOne() throws Exception {
        Path job = trialJob();

        assertThat(flowhost("eval", "-p", "n=7", "{{ params.n + 1 }}").out()).isEqualTo("71\n");
        assertThat(flowhost("eval", "--plugins-dir", PLUGINS, "--job", job.toString(), "-p", "n=7", "{{ params.n + 1 }}"))
                .isEqualTo(new Result(0, "8\n", ""));
        assertThat(flowhost("eval", "--plugins-dir", PLUGINS, "--job", job.toString(), "{{ params.n + 1 }} {{ params.who }}")
                .out()).isEqualTo("3 Ada\n");
        Result wrongType = flowhost("eval", "--plugins-dir", PLUGINS, "--job", job.toString(), "-p", "n=many", "{{ 1 }}");
        assertThat(wrongType).isEqualTo(new Result(2, "", "flowhost: parameter 'n' must be an integer, not \"many\"\n"));
    }

    @Test
    void aStepWithoutTextEvaluatesWhatTheStepEvaluates() throws Exception {
        Path job = trialJob();
        String photos = SessionTest.PHOTOS.toString();

        assertThat(flowhost("eval", "--plugins-dir", PLUGINS, "-m", photos, "--job", job.toString(), "--step", "count"))
                .isEqualTo(new Result(0, "5\n", ""));
        assertThat(flowhost("eval", "--plugins-dir", PLUGINS, "-m", photos, "--job", job.toString(), "--step", "stats"))
                .isEqualTo(new Result(0, "{\"names\":\"beach.jpg notes.txt sunset.jpg\",\"n\":2}\n", ""));
        assertThat(flowhost("eval", "--plugins-dir", PLUGINS, "-m", photos, "--job", job.toString(), "--step", "mail"))
                .isEqualTo(new Result(0, "template: Ada\nparams.var: to\n", ""));
        assertThat(flowhost("eval", "--plugins-dir", PLUGINS, "-m", photos, "--job", job.toString(), "--step", "count",
                "{{ run.jobId }}/{{ run.step }}").out()).isEqualTo("trial/count\n");
        assertThat(flowhost("eval", "--plugins-dir", PLUGINS, "--job", job.toString(), "--step", "cout").err())
                .isEqualTo("flowhost: job 'trial' has no step 'cout'; did you mean 'count'?; its steps: big, small, count, "
                        + "stats, mail\n");
        assertThat(flowhost("eval", "--step", "count").err()).startsWith("flowhost: --step needs --job FILE\n");
    }

    @Test
    void anInvalidJobListsItsProblemsAndExits2() throws Exception {
        Path job = java.nio.file.Files.writeString(dir.resolve("bad.json"),
                "{\"id\": \"bad\", \"steps\": [{\"id\": \"a\", \"action\": \"script.js\", \"params\": {}}]}");

        assertThat(flowhost("eval", "--plugins-dir", PLUGINS, "--job", job.toString(), "{{ 1 }}")).isEqualTo(new Result(2, "",
                job + ":1:70: action 'script.js' needs either 'code' or 'file' (at /steps/0/params)\n"
                        + "flowhost: " + job + " is not a valid job (1 problem)\n"));
    }

    @Test
    void docsSearchesTheHelpers() {
        Result result = flowhost("docs", "sha");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("sha1(text)  [encoding]", "sha256(text)  [encoding]").doesNotContain("humanBytes");
    }
}
