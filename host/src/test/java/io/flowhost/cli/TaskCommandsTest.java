package io.flowhost.cli;

import static io.flowhost.cli.FlowhostTest.flowhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.api.Message;
import io.flowhost.cli.FlowhostTest.Result;
import io.flowhost.store.JobVersion;
import io.flowhost.store.LogLine;
import io.flowhost.store.NewTask;
import io.flowhost.store.StepRecord;
import io.flowhost.store.StepStatus;
import io.flowhost.store.StoreLocation;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStatus;
import io.flowhost.store.TaskStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run} records its task; {@code tasks}, {@code logs}, {@code rerun} and {@code cancel} read and act on the store. */
class TaskCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The CLI on this test's data folder; with the checkout's plugins for the commands that run jobs. */
    private Result flowhostIn(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        if (List.of("run", "rerun").contains(args[0])) {
            return flowhost(all.toArray(String[]::new));
        }
        CommandLine commandLine = Flowhost.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private Path job(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String greeting(String word) {
        return """
                {"id": "greet", "parameters": [{"name": "who", "default": "world"}], "steps": [
                  {"id": "say", "action": "core.log", "params": {"message": "%s {{ params.who }}"}},
                  {"id": "fail", "filter": "{{ params.who == 'nobody' }}", "action": "core.fail", "params": {"reason": "nobody"}}
                ]}
                """.formatted(word);
    }

    private String onlyTaskId() throws Exception {
        JsonNode tasks = JSON.readTree(flowhostIn("tasks", "--json").out());
        assertThat(tasks).hasSize(1);
        return tasks.get(0).get("id").asText();
    }

    @Test
    void runRecordsItsTaskAndLogsPrintsWhatRunPrinted() throws Exception {
        Path job = job("greet.json", greeting("Hello"));

        Result run = flowhostIn("run", job.toString(), "--param", "who=Ada");
        String id = onlyTaskId();
        Result logs = flowhostIn("logs", id);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(logs.exit()).isZero();
        assertThat(logs.out()).isEqualTo(run.err());
        assertThat(logs.out()).contains("info      say: Hello Ada");
        Result tasks = flowhostIn("tasks");
        assertThat(tasks.out().lines()).hasSize(2);
        assertThat(tasks.out().lines().toList().get(1)).startsWith(id + "  greet  succeeded    manual    ");
    }

    @Test
    void tasksFiltersByJobAndStatus() throws Exception {
        Path job = job("greet.json", greeting("Hello"));
        flowhostIn("run", job.toString());
        flowhostIn("run", job.toString(), "--param", "who=nobody");

        JsonNode failed = JSON.readTree(flowhostIn("tasks", "--status", "failed", "--json").out());
        JsonNode none = JSON.readTree(flowhostIn("tasks", "--job", "other", "--json").out());
        Result unknown = flowhostIn("tasks", "--status", "done");

        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("error").asText()).isEqualTo("step 'fail' failed: nobody");
        assertThat(none).isEmpty();
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("flowhost: --status: unknown status 'done'; known: [queued, running, ");
    }

    @Test
    void rerunRunsTheJobAsTheTaskRanItUnlessLatestIsAsked() throws Exception {
        Path job = job("greet.json", greeting("Hello"));
        flowhostIn("run", job.toString(), "--param", "who=Ada");
        String id = onlyTaskId();
        Files.writeString(job, greeting("Goodbye"));

        Result again = flowhostIn("rerun", id, "--json");
        Result latest = flowhostIn("rerun", id, "--latest");

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("runs task " + id + " again (the job as it ran then; its file has changed since: "
                + "--latest runs that)").contains("say: Hello Ada");
        JsonNode report = JSON.readTree(again.out());
        assertThat(report.get("id").asText()).isNotEqualTo(id);
        assertThat(latest.err()).contains("with the job file as it is now").contains("say: Goodbye Ada");
        JsonNode tasks = JSON.readTree(flowhostIn("tasks", "--json").out());
        assertThat(tasks).hasSize(3);
        assertThat(tasks.get(0).get("rerunOf").asText()).isEqualTo(id);
    }

    @Test
    void cancelStopsAQueuedTaskAndSaysWhenThereIsNothingToStop() throws Exception {
        NewTask queued = NewTask.of("greet", JobVersion.of(greeting("Hello"), null), null, Message.empty());
        try (TaskStore store = TaskStore.open(StoreLocation.dataFolder(dir.resolve("data")))) {
            store.enqueue(queued);
        }

        Result cancel = flowhostIn("cancel", queued.id());
        Result again = flowhostIn("cancel", queued.id());
        Result missing = flowhostIn("logs", "20260101-000000-000000000");

        assertThat(cancel.exit()).isZero();
        assertThat(cancel.err()).isEqualTo("flowhost: task " + queued.id() + " cancelled; it was waiting in the queue\n");
        assertThat(again.err()).isEqualTo("flowhost: task " + queued.id() + " has ended already: cancelled\n");
        assertThat(flowhostIn("logs", queued.id()).out()).isEqualTo("task " + queued.id()
                + " cancelled: cancelled by flowhost cancel\n");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("flowhost: no task '20260101-000000-000000000' in the task store "
                + dir.resolve("data") + "\n");
    }

    @Test
    void logsFollowPrintsWhatARunningTaskDoesUntilItEndsAndExitsWithItsOutcome() throws Exception {
        NewTask task = NewTask.of("greet", JobVersion.of(greeting("Hello"), null), null, Message.empty());
        Instant t = Instant.now();
        try (TaskStore store = TaskStore.open(StoreLocation.dataFolder(dir.resolve("data")))) {
            store.record(task);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(600); // --follow has printed the start by then, and waits
                } catch (InterruptedException e) {
                    return;
                }
                store.logged(task.id(), 1, new LogLine(t, LogLine.Level.INFO, "say", "later"));
                store.stepEnded(task.id(), 2, new StepRecord("say", "core.log", StepStatus.SUCCEEDED, task.input(), null, null,
                        t, t, t.plusMillis(3)));
                store.ended(new TaskRecord(task.id(), "greet", TaskStatus.FAILED, t, t.plusMillis(5), List.of(), List.of(),
                        "it failed", task.input(), null));
            });

            Result follow = flowhostIn("logs", task.id(), "--follow");
            writer.join();

            assertThat(follow.exit()).isEqualTo(1);
            assertThat(follow.out()).isEqualTo("task " + task.id() + " of job 'greet' started\n"
                    + "  info      say: later\n"
                    + "  succeeded say (core.log) 3ms\n"
                    + "task " + task.id() + " failed in 5ms: it failed\n");
        }
    }

    @Test
    void aStoreThatCannotBeOpenedIsOneClearLineAndNothingRuns() throws Exception {
        Path job = job("greet.json", greeting("Hello"));
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");

        Result result = flowhost("run", job.toString(), "--data-dir", notAFolder.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).startsWith("flowhost: cannot open the task store in " + notAFolder + ": cannot create the folder")
                .endsWith("(choose another with --data-dir)\n").doesNotContain("started");
    }
}
