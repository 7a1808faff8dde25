package io.flowhost.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.api.Output;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every task store promises, run against each database it supports: a subclass says where
 * the store is ({@link SqliteTaskStoreTest}, {@link H2TaskStoreTest}, {@link PostgresTaskStoreTest}).
 */
abstract class TaskStoreContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JobVersion JOB = JobVersion.of("{\"id\": \"hello\", \"steps\": []}", "/jobs/hello.json");

    TaskStore store;

    /** @return a location for a new, empty store */
    abstract StoreLocation newLocation() throws Exception;

    /** @return a connection to the store's database, for what a test must see or do behind its back */
    abstract Connection connect() throws SQLException;

    StoreLocation location;

    @BeforeEach
    void open() throws Exception {
        location = newLocation();
        store = TaskStore.open(location);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static NewTask task(String jobId, Message input) {
        return NewTask.of(jobId, JOB, JSON.createObjectNode().put("greeting", "hi"), input);
    }

    static NewTask task(String jobId) {
        return task(jobId, Message.empty().withEvent(JSON.createObjectNode().put("type", "webhook")));
    }

    static TaskRecord ended(NewTask task, TaskStatus status, Message output) {
        return new TaskRecord(task.id(), task.jobId(), status, task.queuedAt(), Instant.now(), List.of(), List.of(),
                status == TaskStatus.SUCCEEDED ? null : "it " + status.jsonName(), task.input(), output);
    }

    int count(String sql) throws SQLException {
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void aQueuedTaskIsClaimedOnceWithItsExactJobParametersAndMessage() {
        Message input = Message.empty().withEvent(JSON.createObjectNode().put("type", "webhook").put("n", 7))
                .withNodes(List.of(Node.of("/in/a.txt")));
        NewTask queued = task("hello", input);
        store.enqueue(queued);

        assertThat(store.summary(queued.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        List<NewTask> claimed = store.claim(5, Map.of());

        assertThat(claimed).hasSize(1);
        NewTask task = claimed.get(0);
        assertThat(task.id()).isEqualTo(queued.id());
        assertThat(task.job()).isEqualTo(JOB);
        assertThat(task.trigger()).isEqualTo("webhook");
        assertThat(task.params()).isEqualTo(queued.params());
        assertThat(task.input()).isEqualTo(input);
        assertThat(store.claim(5, Map.of())).isEmpty();
        TaskSummary summary = store.summary(queued.id()).orElseThrow();
        assertThat(summary.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(summary.startedAt()).isNotNull();
    }

    @Test
    void claimsTakeTheOldestFirstWithinEachJobsRoom() {
        NewTask a1 = task("a");
        NewTask a2 = task("a");
        NewTask b1 = task("b");
        List.of(a1, a2, b1).forEach(store::enqueue);

        List<NewTask> first = store.claim(3, Map.of("a", 1));

        assertThat(first).extracting(NewTask::id).containsExactly(a1.id(), b1.id());
        assertThat(store.claim(3, Map.of("a", 0))).isEmpty();
        assertThat(store.claim(3, Map.of())).extracting(NewTask::id).containsExactly(a2.id());
    }

    @Test
    void twoStoresClaimingTheSameQueueAtOnceNeverTakeATaskTwice() throws Exception {
        int tasks = 60;
        for (int i = 0; i < tasks; i++) {
            store.enqueue(task("job" + (i % 3)));
        }
        Map<String, Integer> takes = new ConcurrentHashMap<>();
        try (TaskStore other = TaskStore.open(location); ExecutorService threads = Executors.newFixedThreadPool(4)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> claimers = new ArrayList<>();
            for (TaskStore each : List.of(store, other, store, other)) {
                claimers.add(threads.submit(() -> {
                    go.await();
                    List<NewTask> got;
                    do {
                        got = each.claim(2, Map.of());
                        got.forEach(t -> takes.merge(t.id(), 1, Integer::sum));
                    } while (!got.isEmpty());
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> claimer : claimers) {
                claimer.get();
            }
        }
        assertThat(takes).hasSize(tasks);
        assertThat(takes.values()).containsOnly(1);
    }

    @Test
    void aRecordedTaskKeepsItsStepsAndLogInTheOrderTheyHappened() {
        NewTask task = task("hello");
        store.record(task);
        Instant t = Instant.now();
        Message in = task.input();
        Output out = new Output("say", true, "hi", null, null, t);
        TaskRecord running = new TaskRecord(task.id(), "hello", TaskStatus.RUNNING, t, null, List.of(), List.of(), null, in,
                null);
        store.started(running);
        store.logged(task.id(), 1, new LogLine(t, LogLine.Level.INFO, "say", "hi there"));
        store.stepEnded(task.id(), 2, new StepRecord("say", "core.log", StepStatus.SUCCEEDED, in, out, null, t, t, t));
        store.stepEnded(task.id(), 3, new StepRecord("next", "core.fail", StepStatus.FAILED, in.withOutput(out), null,
                "no luck", t, t, t.plusMillis(5)));
        store.ended(ended(task, TaskStatus.FAILED, in.withOutput(out)));

        StoredTask stored = store.find(task.id()).orElseThrow();
        assertThat(stored.summary().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(stored.summary().error()).isEqualTo("it failed");
        assertThat(stored.job()).isEqualTo(JOB);
        assertThat(stored.steps()).extracting(StoredTask.Step::path).containsExactly("say", "next");
        assertThat(stored.steps().get(0).input()).isEqualTo(in.toJson());
        assertThat(stored.steps().get(0).output()).isEqualTo(out.toJson());
        assertThat(stored.logs()).extracting(LogLine::text).containsExactly("hi there");
        assertThat(Message.fromJson(stored.output())).isEqualTo(in.withOutput(out));
        assertThat(store.events(task.id(), 0)).extracting(TaskEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(store.events(task.id(), 2)).singleElement().isInstanceOfSatisfying(TaskEvent.Step.class, step -> {
            assertThat(step.path()).isEqualTo("next");
            assertThat(step.error()).isEqualTo("no luck");
            assertThat(step.duration()).contains(Duration.ofMillis(5));
        });
        assertThat(stored.toJson().path("steps").get(1).path("status").asText()).isEqualTo("failed");
    }

    @Test
    void aLargeSnapshotIsKeptAsAMarkerWithItsSizeAndALongLineIsCut() {
        NewTask task = task("hello");
        store.record(task);
        Instant t = Instant.now();
        Message big = Message.empty().withVar("blob", "x".repeat(200_000));
        store.stepEnded(task.id(), 1, new StepRecord("big", "core.log", StepStatus.SUCCEEDED, big, null, null, t, t, t));
        store.logged(task.id(), 2, new LogLine(t, LogLine.Level.INFO, "big", "y".repeat(100_000)));
        store.ended(ended(task, TaskStatus.SUCCEEDED, big));

        StoredTask stored = store.find(task.id()).orElseThrow();
        var marker = stored.steps().get(0).input();
        assertThat(marker.path("truncated").asBoolean()).isTrue();
        assertThat(marker.path("bytes").asLong()).isEqualTo(big.toJson().toString().length());
        assertThat(marker.path("text").asText()).startsWith("{\"event\":{},").hasSize(Snapshots.PREVIEW_BYTES);
        assertThat(stored.logs().get(0).text()).hasSize(Snapshots.TEXT_CHARACTERS + " (cut: 100000 characters in all)".length() + 1)
                .endsWith("… (cut: 100000 characters in all)");
        assertThat(stored.output().path("vars").path("blob").asText()).hasSize(200_000); // an output may be a MiB
    }

    @Test
    void aTasksFirstMessageIsKeptWholeSoThatItCanRunAgain() {
        Message input = Message.empty().withVar("blob", "z".repeat(2_000_000));
        NewTask task = task("hello", input);
        store.enqueue(task);

        assertThat(store.find(task.id()).orElseThrow().inputMessage()).contains(input);
        assertThat(store.claim(1, Map.of()).get(0).input()).isEqualTo(input);
    }

    @Test
    void listsFilterByJobAndStatusAndPageNewestFirstWithoutGapsOrRepeats() {
        List<NewTask> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            NewTask task = task(i % 2 == 0 ? "even" : "odd");
            store.enqueue(task);
            all.add(task);
        }
        store.claim(1, Map.of());

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            TaskQuery.Page page = store.list(TaskQuery.newest(3).after(cursor));
            page.tasks().forEach(t -> seen.add(t.id()));
            cursor = page.next();
        } while (cursor != null);
        List<String> newestFirst = new ArrayList<>(all.stream().map(NewTask::id).toList());
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(store.list(TaskQuery.newest(10).ofJob("odd")).tasks()).extracting(TaskSummary::jobId).containsOnly("odd")
                .hasSize(3);
        assertThat(store.list(TaskQuery.newest(10).inStatus(TaskStatus.RUNNING)).tasks()).extracting(TaskSummary::id)
                .containsExactly(all.get(0).id());
        assertThatThrownBy(() -> store.list(TaskQuery.newest(3).after("nonsense")))
                .hasMessage("not a cursor of this list: 'nonsense'");
    }

    @Test
    void cancellingAQueuedTaskCancelsItAndARunningOneAsksItsProcess() {
        NewTask queued = task("a");
        NewTask running = task("a");
        NewTask done = task("a");
        store.enqueue(queued);
        store.record(running);
        store.record(done);
        store.ended(ended(done, TaskStatus.SUCCEEDED, done.input()));

        assertThat(store.cancel(queued.id(), "cancelled by a test")).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(store.cancel(running.id(), "stop it")).isEqualTo(CancelOutcome.REQUESTED);
        assertThat(store.cancel(done.id(), "too late")).isEqualTo(CancelOutcome.ALREADY_ENDED);
        assertThat(store.cancel("20260101-000000-000000000", "who")).isEqualTo(CancelOutcome.NOT_FOUND);

        TaskSummary cancelled = store.summary(queued.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(cancelled.error()).isEqualTo("cancelled by a test");
        assertThat(store.claim(5, Map.of())).isEmpty();
        assertThat(store.cancelRequests()).containsExactly(Map.entry(running.id(), "stop it"));
    }

    @Test
    void runningTasksOfAProcessThatDiedAreInterruptedWhenTheStoreOpens() throws Exception {
        NewTask orphan = task("a");
        NewTask mine = task("a");
        NewTask queued = task("a");
        store.record(orphan);
        store.record(mine);
        store.enqueue(queued);
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement("UPDATE tasks SET owner = ? WHERE id = ?")) {
            // a pid no process has: the process that ran the task is gone
            p.setString(1, Owner.current().host() + "/" + Integer.MAX_VALUE + "/1");
            p.setString(2, orphan.id());
            p.executeUpdate();
        }

        try (TaskStore reopened = TaskStore.open(location)) {
            TaskSummary interrupted = reopened.summary(orphan.id()).orElseThrow();
            assertThat(interrupted.status()).isEqualTo(TaskStatus.INTERRUPTED);
            assertThat(interrupted.error()).isEqualTo("interrupted: the process that ran it (pid " + Integer.MAX_VALUE
                    + ") stopped before the task ended; 'flowhost rerun' runs it again");
            assertThat(reopened.summary(mine.id()).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(reopened.summary(queued.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        }
        assertThat(store.interruptOwnTasks("the server stopped")).containsExactly(mine.id());
        assertThat(store.summary(mine.id()).orElseThrow().error()).isEqualTo("the server stopped");
    }

    @Test
    void retentionKeepsEachJobsNewestAndRecentTasksAndEveryUnfinishedOne() throws Exception {
        List<NewTask> a = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            NewTask task = task("a");
            store.record(task);
            store.ended(ended(task, TaskStatus.SUCCEEDED, task.input()));
            store.stepEnded(task.id(), 1, new StepRecord("s", null, StepStatus.SUCCEEDED, task.input(), null, null,
                    Instant.now(), Instant.now(), Instant.now()));
            a.add(task);
        }
        NewTask waiting = task("a");
        store.enqueue(waiting);
        NewTask b = task("b");
        store.record(b);
        store.ended(ended(b, TaskStatus.FAILED, b.input()));
        store.flush();
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement("UPDATE tasks SET queued_at = queued_at - ?")) {
            p.setLong(1, Duration.ofDays(10).toNanos() / 1000); // every task is ten days old
            p.executeUpdate();
        }

        assertThat(store.applyRetention(new Retention(2, Duration.ofDays(1)))).isEqualTo(3);

        assertThat(store.list(TaskQuery.newest(100)).tasks()).extracting(TaskSummary::id)
                .containsExactlyInAnyOrder(waiting.id(), a.get(4).id(), a.get(3).id(), b.id());
        assertThat(count("SELECT COUNT(*) FROM task_steps")).isEqualTo(2);
        assertThat(store.applyRetention(new Retention(0, Duration.ofDays(30)))).isZero();
        assertThat(store.applyRetention(new Retention(0, null))).isZero();
    }

    @Test
    void eachJobTextIsKeptOnce() throws Exception {
        store.enqueue(task("hello"));
        store.enqueue(task("hello"));
        store.record(task("hello"));

        assertThat(count("SELECT COUNT(*) FROM job_versions")).isEqualTo(1);
    }

    @Test
    void settingsAreReplacedAndReadByPrefix() {
        store.setting("hook.a_b.token", "one");
        store.setting("hook.a_b.token", "two");
        store.setting("hook.axb.token", "three");
        store.setting("schedule.x", "four");

        assertThat(store.setting("hook.a_b.token")).contains("two");
        assertThat(store.setting("nothing")).isEmpty();
        assertThat(store.settings("hook.")).containsOnlyKeys("hook.a_b.token", "hook.axb.token");
        assertThat(store.settings("hook.a_")).containsOnlyKeys("hook.a_b.token");
    }

    @Test
    void whatWasWrittenIsThereAfterReopening() {
        NewTask task = task("hello");
        store.enqueue(task);
        store.close();

        store = TaskStore.open(location);

        assertThat(store.claim(1, Map.of())).extracting(NewTask::id).containsExactly(task.id());
    }

    @Test
    void aMessageTooLargeToKeepFailsItsTaskAtClaimInsteadOfRunningSomethingElse() {
        NewTask huge = task("hello", Message.empty().withVar("blob", "q".repeat(Snapshots.TASK_INPUT_BYTES)));
        store.enqueue(huge);

        assertThat(store.claim(1, Map.of())).isEmpty();
        TaskSummary failed = store.summary(huge.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.error()).isEqualTo("cannot run: its message (" + huge.input().toJson().toString().length()
                + " bytes) was larger than the store keeps (" + Snapshots.TASK_INPUT_BYTES + " bytes)");
        assertThat(store.find(huge.id()).orElseThrow().inputMessage()).isEmpty();
    }

    static Connection jdbc(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    static Set<String> ids(List<TaskSummary> tasks) {
        return Set.copyOf(tasks.stream().map(TaskSummary::id).toList());
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
