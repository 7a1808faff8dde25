package io.flowhost.plugin.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowhost.api.JobLauncher;
import io.flowhost.api.Message;
import io.flowhost.api.StepResult;
import io.flowhost.testkit.ActionRun;
import io.flowhost.testkit.ActionTester;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The action's side; starting real jobs, and refusing loops, is the host's: see the host's JobsPluginTest. */
class StartActionTest {
    private final List<String> started = new ArrayList<>();

    private ActionTester tester(String status, Message output) {
        return ActionTester.of(new StartAction()).withMessage(Message.empty().withVar("x", 1)).withJobs((job, params, message, wait) -> {
            started.add(job + " " + params + " " + message.vars() + " wait=" + wait);
            return wait ? new JobLauncher.JobRun("t-2", "child", status, status.equals("failed") ? "boom" : null, output)
                    : new JobLauncher.JobRun("t-2", "child", "running", null, null);
        });
    }

    @Test
    void waitsAndMergesTheChildsOutputWhenAsked() throws Exception {
        ActionRun run = tester("succeeded", Message.empty().withVar("y", 2))
                .run("{\"job\": \"child.json\", \"params\": {\"n\": 3}, \"mergeOutput\": true}");

        assertThat(started).containsExactly("child.json {\"n\":3} {x=1} wait=true");
        assertThat(run.result().json().get("status").asText()).isEqualTo("succeeded");
        assertThat(run.message().vars()).containsOnlyKeys("x", "y");
    }

    @Test
    void aFailedChildFailsTheStepUnlessToldOtherwise() throws Exception {
        assertThat(tester("failed", null).run("{\"job\": \"child.json\"}").result())
                .isEqualTo(StepResult.failed("task t-2 of job 'child' failed: boom"));
        assertThat(tester("failed", null).run("{\"job\": \"child.json\", \"failOnFailure\": false}").result().success()).isTrue();
    }

    @Test
    void withoutWaitingItReportsTheRunningTask() throws Exception {
        ActionRun run = tester("running", null).run("{\"job\": \"child.json\", \"wait\": false, \"message\": \"empty\"}");

        assertThat(started).containsExactly("child.json {} {} wait=false");
        assertThat(run.result().json().toString()).isEqualTo("{\"taskId\":\"t-2\",\"jobId\":\"child\",\"status\":\"running\"}");
    }
}
