package io.flowhost.plugin.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowhost.api.StepResult;
import io.flowhost.testkit.ActionRun;
import io.flowhost.testkit.ActionTester;
import org.junit.jupiter.api.Test;

class RunActionTest {
    private static final String ALLOW = """
            {"allow": {"echo": "/bin/echo", "env": "/usr/bin/env", "cat": "/bin/cat", "sh": "/bin/sh", "sleep": "/bin/sleep"},
             "env": {"GREETING": "hi"}, "maxOutput": 16}
            """;
    private final ActionTester shell = ActionTester.of(new RunAction()).withSettings(ALLOW);

    @Test
    void runsAnAllowedCommandWithAnArgumentListNotAShellString() throws Exception {
        ActionRun run = shell.run("{\"command\": \"echo\", \"args\": [\"a b\", \"$(whoami)\", \";\"]}");

        assertThat(run.result().json().get("exitCode").asInt()).isZero();
        assertThat(run.result().json().get("stdout").asText()).isEqualTo("a b $(whoami) ;\n");
    }

    @Test
    void aCommandOffTheAllowListIsRefused() {
        assertThatThrownBy(() -> shell.run("{\"command\": \"rm\", \"args\": [\"-rf\", \"/\"]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command 'rm' is not on the shell allow list [cat, echo, env, sh, sleep] "
                        + "(host configuration: plugins.shell.allow)");
        assertThatThrownBy(() -> shell.run("{\"command\": \"/bin/echo\"}"))
                .hasMessageStartingWith("command '/bin/echo' is not on the shell allow list");
        assertThatThrownBy(() -> ActionTester.of(new RunAction()).run("{\"command\": \"echo\"}"))
                .hasMessage("command 'echo' is not on the shell allow list [] (host configuration: plugins.shell.allow)");
    }

    @Test
    void theEnvironmentIsOnlyWhatTheHostConfigures() throws Exception {
        ActionRun run = shell.run("{\"command\": \"env\"}");

        assertThat(run.result().json().get("stdout").asText()).isEqualTo("GREETING=hi\n");
    }

    @Test
    void outputIsBoundedAndStdinIsWritten() throws Exception {
        ActionRun run = shell.run("{\"command\": \"cat\", \"stdin\": \"" + "x".repeat(100) + "\"}");

        assertThat(run.result().json().get("stdout").asText()).isEqualTo("x".repeat(16));
        assertThat(run.result().json().get("truncated").asBoolean()).isTrue();
    }

    @Test
    void aNonZeroExitFailsTheStepUnlessToldOtherwise() throws Exception {
        String failing = "{\"command\": \"sh\", \"args\": [\"-c\", \"echo oops >&2; exit 3\"]";

        assertThat(shell.run(failing + "}").result()).isEqualTo(StepResult.failed("'sh' exited with 3: oops"));
        ActionRun kept = shell.run(failing + ", \"failOnExit\": false}");
        assertThat(kept.result().json().get("exitCode").asInt()).isEqualTo(3);
        assertThat(kept.result().json().get("stderr").asText()).isEqualTo("oops\n");
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsKilled() throws Exception {
        assertThat(shell.run("{\"command\": \"sleep\", \"args\": [\"30\"], \"timeout\": \"100ms\"}").result())
                .isEqualTo(StepResult.failed("'sleep' did not end within 100ms and was killed"));
    }
}
