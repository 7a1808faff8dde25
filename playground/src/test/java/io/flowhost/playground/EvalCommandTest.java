package io.flowhost.playground;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowhost.cli.Flowhost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
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

    @Test
    void docsSearchesTheHelpers() {
        Result result = flowhost("docs", "sha");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("sha1(text)  [encoding]", "sha256(text)  [encoding]").doesNotContain("humanBytes");
    }
}
