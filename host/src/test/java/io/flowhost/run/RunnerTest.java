package io.flowhost.run;

import static io.flowhost.run.StepSpec.job;
import static io.flowhost.run.StepSpec.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.api.Output;
import io.flowhost.jobs.Job;
import io.flowhost.store.LogLine;
import io.flowhost.store.StepRecord;
import io.flowhost.store.StepStatus;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestActions actions = new TestActions();
    private final MemoryJournal journal = new MemoryJournal();
    private final Runner runner = new Runner(actions, new PathExpressions(), journal);

    @AfterEach
    void releaseStubbornActions() {
        actions.release.countDown();
    }

    private TaskRecord run(Job job, Message input) throws InterruptedException {
        return runner.run(job, new RunRequest(input, JSON.createObjectNode().put("greeting", "hi")), TaskListener.NONE);
    }

    private TaskRecord run(Job job) throws InterruptedException {
        return run(job, Message.empty());
    }

    private static Message nodes(long... sizes) {
        List<Node> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            nodes.add(new Node("/in/f" + i, "f" + i, sizes[i], null, null));
        }
        return Message.empty().withNodes(nodes);
    }

    private static List<String> paths(TaskRecord task) {
        return task.steps().stream().map(s -> s.path() + ":" + s.status().jsonName()).toList();
    }

    private static StepRecord stepAt(TaskRecord task, String path) {
        return task.steps().stream().filter(s -> s.path().equals(path)).findFirst().orElseThrow();
    }

    /** Issue 14: each step's input repeated the whole output chain, so 2,000 steps made a report of 268 MB. */
    @Test
    void aReportGrowsWithItsStepsNotWithTheirSquare() throws Exception {
        long small = reportBytes(400);
        long large = reportBytes(1600);

        // four times the steps: four times the report (the chain repeated in every input made it sixteen)
        assertThat((double) large / small).isBetween(3.6, 4.4);
        TaskRecord task = run(job(sequence(3)));
        JsonNode report = io.flowhost.store.TaskReports.toJson(task);
        assertThat(report.at("/steps/2/input/outputs")).isEqualTo(JSON.readTree("{\"count\": 2, \"last\": \"s1\"}"));
        assertThat(report.at("/steps/0/input/outputs")).isEqualTo(JSON.createArrayNode());
        assertThat(report.at("/output/outputs")).hasSize(3); // the task's last message has its chain whole
    }

    private long reportBytes(int steps) throws Exception {
        TaskRecord task = run(job(sequence(steps)));
        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        java.io.StringWriter out = new java.io.StringWriter();
        io.flowhost.store.TaskReports.write(task, out);
        return out.toString().length();
    }

    private static io.flowhost.jobs.Step[] sequence(int steps) {
        io.flowhost.jobs.Step[] sequence = new io.flowhost.jobs.Step[steps];
        for (int i = 0; i < steps; i++) {
            sequence[i] = step("s" + i).action("test.echo", "{\"text\": \"step " + i + "\"}").build();
        }
        return sequence;
    }

    @Test
    void aFanOutKeepsTheInputsOfItsFirstItemsOnly() throws Exception {
        long[] sizes = new long[150];
        java.util.Arrays.fill(sizes, 1);
        TaskRecord task = run(job(step("each").forEach("nodes",
                step("work").action("test.echo", "{\"text\": \"{{ node.name }}\"}").build()).build()), nodes(sizes));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(stepAt(task, "each[0]/work").input().nodes()).extracting(Node::name).containsExactly("f0");
        assertThat(stepAt(task, "each[99]/work").input()).isNotNull();
        assertThat(stepAt(task, "each[100]/work").input()).isNull();
        assertThat(stepAt(task, "each[149]/work").input()).isNull();
        assertThat(stepAt(task, "each[149]/work").output().string()).isEqualTo("f149");
        assertThat(io.flowhost.store.TaskReports.toJson(task).at("/steps")).filteredOn(s -> s.get("input").isNull())
                .hasSize(50);
        assertThat(StepRecord.keepsInput("each[100]/work", io.flowhost.store.StepStatus.FAILED)).isTrue();
        assertThat(StepRecord.keepsInput("a[3]/b[99]/c", io.flowhost.store.StepStatus.SUCCEEDED)).isTrue();
        assertThat(StepRecord.keepsInput("a[3]/b[100]/c", io.flowhost.store.StepStatus.SKIPPED)).isFalse();
    }

    @Test
    void eachStepReceivesThePreviousMessageAndAppendsItsOutput() throws Exception {
        TaskRecord task = run(job(
                step("first").action("test.echo", "{\"text\": \"{{ params.greeting }}\"}").build(),
                step("second").action("test.echo", "{\"text\": \"{{ last.string }} again\"}").build()));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.output().outputs()).extracting(Output::step, Output::string)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", "hi"),
                        org.assertj.core.groups.Tuple.tuple("second", "hi again"));
        assertThat(stepAt(task, "second").input().outputs()).hasSize(1);
        assertThat(journal.ended(task.id())).isEqualTo(task);
    }

    @Test
    void theJournalHearsTheStartEachStepAndLogLineNumberedInOrderThenTheEnd() throws Exception {
        run(job(step("say").action("test.fail", "{\"reason\": \"hello\"}").continueOnError().build(),
                step("again").action("test.echo", "{\"text\": \"x\"}").build()));

        assertThat(journal.events).containsExactly("started", "1 step say", "2 log hello", "3 step again", "ended");
    }

    @Test
    void filterSendsRejectedNodesToElseBranchAndPassesTheRestOn() throws Exception {
        TaskRecord task = run(job(
                step("big").filter("{{ node.size > 1024 }}", step("small").action("test.count").build()).build(),
                step("count").action("test.count").build()), nodes(10, 2000, 5000));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(paths(task)).containsExactly("big:succeeded", "big/else/small:succeeded", "count:succeeded");
        assertThat(stepAt(task, "big/else/small").output().json().get("nodes").asInt()).isEqualTo(1);
        assertThat(stepAt(task, "count").input().nodes()).extracting(Node::name).containsExactly("f1", "f2");
        assertThat(task.output().outputs()).extracting(Output::step).containsExactly("count");
    }

    @Test
    void filterThatRejectsEverythingEndsTheSequence() throws Exception {
        TaskRecord task = run(job(
                step("gate").filter("{{ vars.ready }}").build(),
                step("never").action("test.echo", "{\"text\": \"x\"}").build()),
                Message.empty().withVar("ready", false));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(paths(task)).containsExactly("gate:filtered");
    }

    @Test
    void forEachRunsPerNodeUnderMaxConcurrencyAndMergesInOrder() throws Exception {
        TaskRecord task = run(job(2, null,
                step("each").forEach("nodes", step("work").action("test.busy", "{\"millis\": 150}").build()).build()),
                nodes(1, 2, 3, 4, 5, 6));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(actions.maxRunning.get()).isEqualTo(2);
        assertThat(task.output().outputs()).extracting(Output::step)
                .containsExactly("each[0]/work", "each[1]/work", "each[2]/work", "each[3]/work", "each[4]/work",
                        "each[5]/work");
        assertThat(task.output().outputs()).extracting(Output::string).containsExactly("f0", "f1", "f2", "f3", "f4", "f5");
        assertThat(task.output().nodes()).extracting(Node::name).containsExactly("f0", "f1", "f2", "f3", "f4", "f5");
    }

    @Test
    void nestedFanOutsDoNotDeadlockWithOnePermit() throws Exception {
        TaskRecord task = run(job(1, "20s",
                step("outer").forEach("nodes",
                        step("inner").forEach("nodes", step("work").action("test.busy", "{\"millis\": 1}").build())
                                .build()).build()),
                nodes(1, 2, 3));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.output().outputs()).extracting(Output::step)
                .containsExactly("outer[0]/inner[0]/work", "outer[1]/inner[0]/work", "outer[2]/inner[0]/work");
    }

    @Test
    void branchesSeeTheirOwnVariablesAndMergeByTheDocumentedRule() throws Exception {
        Message input = Message.empty().withVar("shared", "original").withVar("list", List.of(1));
        TaskRecord task = run(job(
                step("fork")
                        .branch(step("set").action("test.setvar", "{\"name\": \"shared\", \"value\": \"zero\"}").build(),
                                step("grow").action("test.setvar", "{\"name\": \"list\", \"value\": [1, 2]}").build())
                        .branch(step("wait").action("test.busy", "{\"millis\": 200}").build(),
                                step("read").action("test.echo", "{\"text\": \"{{ vars.shared }}\"}").build(),
                                step("grow").action("test.setvar", "{\"name\": \"list\", \"value\": [1, 3]}").build())
                        .build()),
                input);

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(stepAt(task, "fork[1]/read").output().string()).isEqualTo("original");
        Map<String, JsonNode> vars = task.output().vars();
        assertThat(vars.get("shared").asText()).isEqualTo("zero");
        assertThat(vars.get("list").toString()).isEqualTo("[1,2,3]");
        assertThat(task.output().outputs()).extracting(Output::step)
                .containsExactly("fork[0]/set", "fork[0]/grow", "fork[1]/wait", "fork[1]/read", "fork[1]/grow");
    }

    @Test
    void branchesAddingNodesAreConcatenatedAndUnchangedNodesKept() throws Exception {
        TaskRecord task = run(job(
                step("fork")
                        .branch(step("a").action("test.addnode", "{\"path\": \"/x/a\"}").build())
                        .branch(step("noop").action("test.echo", "{\"text\": 1}").build())
                        .branch(step("b").action("test.addnode", "{\"path\": \"/x/b\"}").build())
                        .build()),
                nodes(7));

        assertThat(task.output().nodes()).extracting(Node::path).containsExactly("/in/f0", "/x/a", "/in/f0", "/x/b");
    }

    @Test
    void stepTimeoutFailsAStepWhoseActionIgnoresInterruption() throws Exception {
        long start = System.nanoTime();
        TaskRecord task = run(job(step("stuck").action("test.stubborn").timeout("200ms").build(),
                step("after").action("test.echo", "{\"text\": 1}").build()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.error()).isEqualTo("step 'stuck' timed out: step timed out after 200ms");
        assertThat(paths(task)).containsExactly("stuck:timed-out");
    }

    @Test
    void jobTimeoutEndsTheTaskAsTimedOut() throws Exception {
        TaskRecord task = run(job(4, "300ms", step("stuck").action("test.stubborn").build()));

        assertThat(task.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(task.error()).isEqualTo("job timed out after 300ms");
        assertThat(stepAt(task, "stuck").status()).isEqualTo(StepStatus.TIMED_OUT);
    }

    @Test
    void jobTimeoutStopsAFanOutOfStubbornActions() throws Exception {
        TaskRecord task = run(job(2, "300ms",
                step("each").forEach("nodes", step("stuck").action("test.stubborn").build()).build()), nodes(1, 2, 3, 4));

        assertThat(task.status()).isEqualTo(TaskStatus.TIMED_OUT);
        // the two that ran time out; the two waiting for a slot never started (issue 11: no longer "timed-out")
        assertThat(task.steps()).filteredOn(s -> s.path().endsWith("/stuck")).extracting(StepRecord::status)
                .containsExactlyInAnyOrder(StepStatus.TIMED_OUT, StepStatus.TIMED_OUT, StepStatus.SKIPPED,
                        StepStatus.SKIPPED);
    }

    @Test
    void failedStepWithContinueRecordsTheFailureAndGoesOn() throws Exception {
        TaskRecord task = run(job(
                step("try").action("test.fail", "{\"reason\": \"disk full\"}").continueOnError().build(),
                step("next").action("test.echo", "{\"text\": \"{{ last.error }}\"}").build()));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.output().outputs().get(0).success()).isFalse();
        assertThat(task.output().outputs().get(1).string()).isEqualTo("disk full");
    }

    @Test
    void throwingActionFailsTheTaskWithItsMessage() throws Exception {
        TaskRecord task = run(job(step("boom").action("test.throw").build(),
                step("never").action("test.echo").build()));

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.error()).isEqualTo("step 'boom' failed: kaboom");
        assertThat(paths(task)).containsExactly("boom:failed");
        assertThat(task.logs()).extracting(LogLine::text).contains("kaboom");
    }

    @Test
    void bypassSkipsTheActionAndBreakAfterEndsTheSequence() throws Exception {
        TaskRecord task = run(job(
                step("skipped").action("test.fail").bypass().build(),
                step("last").action("test.echo", "{\"text\": 1}").breakAfter().build(),
                step("never").action("test.echo").build()));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(paths(task)).containsExactly("skipped:bypassed", "last:succeeded");
    }

    @Test
    void templateErrorNamesTheParameterAndTheTemplate() throws Exception {
        TaskRecord task = run(job(step("say").action("test.echo", "{\"text\": \"{{ nope.x }}\"}").build()));

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(stepAt(task, "say").error())
                .isEqualTo("parameter 'text': unknown path nope.x at 1:1 in '{{ nope.x }}'");
    }

    @Test
    void aRequiredParameterWhoseTemplateGivesNullNamesTheTemplate() throws Exception {
        TaskRecord task = run(job(step("add").action("test.addnode", "{\"path\": \"{{ vars.nothing }}\"}").build()),
                Message.empty().withVar("nothing", JsonNodeFactory.instance.nullNode()));

        assertThat(stepAt(task, "add").error())
                .isEqualTo("parameter 'path' is required, but its template '{{ vars.nothing }}' gave null or undefined");
    }

    @Test
    void renderedValueOfTheWrongTypeFailsTheStep() throws Exception {
        TaskRecord task = run(job(step("wait").action("test.busy", "{\"millis\": \"{{ params.greeting }}\"}").build()));

        assertThat(stepAt(task, "wait").error()).isEqualTo("parameter 'millis' must be an integer, not \"hi\"");
    }

    @Test
    void numericTextIsCoercedToTheParameterType() throws Exception {
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("ms", "5");
        TaskRecord task = runner.run(job(step("wait").action("test.busy", "{\"millis\": \"{{ params.ms }}\"}").build()),
                new RunRequest(Message.empty(), params), TaskListener.NONE);

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void unknownActionFailsTheStepAndNamesTheKnownOnes() throws Exception {
        TaskRecord task = run(job(step("x").action("test.nope").build()));

        assertThat(stepAt(task, "x").error()).startsWith("unknown action 'test.nope'; known test actions: [test.addnode,");
    }

    @Test
    void cancellingARunningTaskEndsItAsCancelled() throws Exception {
        RunningTask running = runner.start(job(step("stuck").action("test.stubborn").build()), RunRequest.manual(),
                TaskListener.NONE);
        Thread.sleep(100);
        running.cancel();
        TaskRecord task = running.await();

        assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(task.error()).isEqualTo("task was cancelled");
    }

    @Test
    void forEachOverATemplateArrayRunsPerElementAsItems() throws Exception {
        TaskRecord task = run(job(step("each").forEach("{{ vars.list }}",
                        step("say").action("test.echo", "{\"text\": \"{{ item }}\"}").build()).build()),
                Message.empty().withVar("list", List.of("a", "b")));

        assertThat(task.output().outputs()).extracting(Output::string).containsExactly("a", "b");
        assertThat(task.output().items()).extracting(JsonNode::asText).containsExactly("a", "b");
    }
}
