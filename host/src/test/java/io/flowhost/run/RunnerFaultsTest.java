package io.flowhost.run;

import static io.flowhost.run.StepSpec.job;
import static io.flowhost.run.StepSpec.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.jobs.Job;
import io.flowhost.store.LogLine;
import io.flowhost.store.StepRecord;
import io.flowhost.store.StepStatus;
import io.flowhost.store.TaskJournal;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a failure, a timeout and a cancellation do to running and queued work, and what the task
 * records about it. Time bounds here are generous: each is far below what the work would take if it
 * were not stopped.
 */
class RunnerFaultsTest {
    private final TestActions actions = new TestActions();
    private final PathExpressions expressions = new PathExpressions();
    private final Runner runner = new Runner(actions, expressions, TaskJournal.NONE);

    @AfterEach
    void releaseStubbornActions() {
        actions.release.countDown();
    }

    private TaskRecord run(Job job, Message input) throws InterruptedException {
        return runner.run(job, new RunRequest(input, null), TaskListener.NONE);
    }

    /** Nodes {@code f0, f1, ...} whose size is their index. */
    private static Message nodes(int count) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(new Node("/in/f" + i, "f" + i, (long) i, null, null));
        }
        return Message.empty().withNodes(nodes);
    }

    private static List<StepRecord> steps(TaskRecord task, String pathSuffix, String status) {
        return task.steps().stream()
                .filter(s -> s.path().endsWith(pathSuffix) && s.status().jsonName().equals(status))
                .toList();
    }

    private static StepRecord stepAt(TaskRecord task, String path) {
        return task.steps().stream().filter(s -> s.path().equals(path)).findFirst().orElseThrow();
    }

    /**
     * Each element's action sleeps; the sixth to start then fails (elements reach the concurrency slots
     * in no set order, so "the sixth to start" is what makes the failure early).
     */
    private static StepSpec fanOutWhereTheSixthFails(String id, int sleepMillis) {
        return step(id).forEach("nodes",
                step("work").action("test.sleep", "{\"millis\": " + sleepMillis + ", \"failCall\": 6}").build(),
                step("next").action("test.echo", "{\"text\": 1}").build());
    }

    /** The path of the step whose failure failed the task, from its error {@code step 'PATH' failed: kaboom}. */
    private static String failedStep(TaskRecord task) {
        assertThat(task.error()).matches("step '.*' failed: kaboom");
        return task.error().substring("step '".length(), task.error().indexOf("' failed"));
    }

    @Test
    void oneFailedItemOfAFanOutStopsTheOtherItems() throws Exception {
        TaskRecord task = run(job(4, null, fanOutWhereTheSixthFails("each", 100).build()), nodes(200));

        String failed = failedStep(task);
        assertThat(failed).matches("each\\[\\d+]/work");
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(steps(task, "/work", "succeeded")).hasSizeLessThan(40);
        assertThat(steps(task, "/next", "succeeded")).hasSizeLessThan(40);
        assertThat(steps(task, "/work", "skipped")).isNotEmpty().allSatisfy(s ->
                assertThat(s.error()).isEqualTo("not started: step '" + failed + "' failed: kaboom"));
        assertThat(steps(task, "/work", "cancelled")).isNotEmpty().allSatisfy(s ->
                assertThat(s.error()).isEqualTo("cancelled: step '" + failed + "' failed: kaboom"));
        assertThat(actions.cancelledWhenInterrupted).isNotEmpty().containsOnly(true);
        assertThat(stepAt(task, "each").status()).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void aFailureInAFiltersElseBranchStopsTheWorkAfterIt() throws Exception {
        TaskRecord task = run(job(4, null,
                step("big").filter("{{ node.size > 1000 }}", fanOutWhereTheSixthFails("small", 100).build()).build(),
                step("after").action("test.echo", "{\"text\": 1}").build()), nodes(300));

        assertThat(failedStep(task)).matches("big/else/small\\[\\d+]/work");
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(steps(task, "/work", "succeeded")).hasSizeLessThan(40);
        assertThat(task.steps()).noneMatch(s -> s.path().equals("after"));
    }

    @Test
    void aFailedBranchCancelsItsSiblingsAtOnce() throws Exception {
        TaskRecord task = run(job(4, null, step("fork")
                .branch(step("wait").action("test.sleep", "{\"millis\": 100}").build(),
                        step("boom").action("test.throw").build())
                .branch(step("long").action("test.sleep", "{\"millis\": 10000}").build())
                .build()), Message.empty());

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.error()).isEqualTo("step 'fork[0]/boom' failed: kaboom");
        assertThat(stepAt(task, "fork[1]/long").status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(stepAt(task, "fork[1]/long").error()).isEqualTo("cancelled: step 'fork[0]/boom' failed: kaboom");
        assertThat(actions.cancelledWhenInterrupted).containsExactly(true);
    }

    @Test
    void aFailureWithContinueStopsNothingElse() throws Exception {
        TaskRecord task = run(job(2, null, step("each").forEach("nodes",
                step("try").action("test.fail", "{\"reason\": \"no luck\"}").continueOnError().build(),
                step("work").action("test.sleep", "{\"millis\": 20}").build()).build()), nodes(6));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(steps(task, "/try", "failed")).hasSize(6);
        assertThat(steps(task, "/work", "succeeded")).hasSize(6);
    }

    @Test
    void aStepsTimesLeaveOutItsWaitForAConcurrencySlot() throws Exception {
        TaskRecord task = run(job(1, null, step("each").forEach("nodes",
                step("work").action("test.busy", "{\"millis\": 150}").build()).build()), nodes(4));

        List<StepRecord> work = task.steps().stream().filter(s -> s.path().endsWith("/work"))
                .sorted(Comparator.comparing(StepRecord::startedAt)).toList();
        assertThat(work).hasSize(4);
        // one slot: each action starts after the one before it ended, so their recorded runs never overlap
        for (int i = 1; i < work.size(); i++) {
            assertThat(work.get(i).startedAt()).as(work.get(i).path()).isAfterOrEqualTo(work.get(i - 1).endedAt());
        }
    }

    @Test
    void stepsThatNeverStartedBeforeAJobTimeoutAreSkippedWithoutADuration() throws Exception {
        TaskRecord task = run(job(2, "500ms", step("each").forEach("nodes",
                step("work").action("test.sleep", "{\"millis\": 10000}").build()).build()), nodes(10));

        assertThat(task.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(steps(task, "/work", "timed-out")).hasSize(2)
                .allSatisfy(s -> assertThat(s.error()).isEqualTo("job timed out after 500ms"));
        assertThat(steps(task, "/work", "skipped")).hasSize(8).allSatisfy(s -> {
            assertThat(s.startedAt()).isNull();
            assertThat(s.error()).isEqualTo("not started: job timed out after 500ms");
        });
    }

    @Test
    void aFilterTimeoutBoundsTheFilter() throws Exception {
        TaskRecord task = run(job(4, null,
                step("slow").filter("{{ wait(5000) node.size > 0 }}").timeout("300ms").build(),
                step("after").action("test.echo", "{\"text\": 1}").build()), nodes(2));

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(stepAt(task, "slow").status()).isEqualTo(StepStatus.TIMED_OUT);
        assertThat(stepAt(task, "slow").error()).isEqualTo("filter: step timed out after 300ms");
    }

    @Test
    void aFilterTestsNodesUnderTheTasksConcurrency() throws Exception {
        TaskRecord task = run(job(4, null,
                step("big").filter("{{ wait(150) node.size > 5 }}", step("small").action("test.count").build()).build(),
                step("count").action("test.count").build()), nodes(12));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(expressions.maxRunning.get()).isEqualTo(4);
        assertThat(stepAt(task, "count").input().nodes()).extracting(Node::name)
                .containsExactly("f6", "f7", "f8", "f9", "f10", "f11");
        assertThat(stepAt(task, "big/else/small").input().nodes()).hasSize(6);
    }

    @Test
    void actionsThatIgnoreCancellationKeepCountingOnceTheCapIsReached() throws Exception {
        TaskRecord task = run(job(2, "4s", step("each").forEach("nodes",
                step("stuck").action("test.stubborn").timeout("100ms").continueOnError().build()).build()), nodes(8));

        // 2 slots, and at most 2 abandoned threads that no longer count against them
        assertThat(actions.maxStubborn.get()).isEqualTo(4);
        assertThat(task.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(task.logs()).filteredOn(l -> l.level() == LogLine.Level.WARN).extracting(LogLine::text)
                .hasSize(4)
                .contains("the action ignored its cancellation for 1s; its thread is abandoned and no longer counts"
                                + " against maxConcurrency (1 of at most 2 such threads)",
                        "the action ignored its cancellation for 1s; its thread is abandoned but keeps its"
                                + " concurrency slot until it ends (the task already has 2 abandoned threads that"
                                + " do not count, the most it may have)");
    }
}
