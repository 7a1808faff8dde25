package io.flowhost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.store.StoreLocation;
import io.flowhost.store.TaskStatus;
import io.flowhost.store.TaskStore;
import io.flowhost.store.TaskSummary;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowhost serve} as a real child process: killed with SIGKILL in the middle of a task and
 * started again (the task is interrupted, nothing else is lost), and stopped with SIGTERM (running
 * tasks have the grace period, then are cancelled, and the server exits 0).
 */
class ServeProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("flowhost.root", ".."));
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern API_TOKEN = Pattern.compile("API token \\(.*\\): (\\S+)");
    private static final Pattern HOOK_TOKEN = Pattern.compile("webhook POST /hooks/(\\S+) of job .*: (\\S+)");

    @TempDir
    Path dir;

    /** A child {@code flowhost serve}, once it listens: its port and the tokens it showed. */
    record Server(Process process, Path err, int port, String apiToken, java.util.Map<String, String> hooks) {
        String log() throws IOException {
            return Files.readString(err);
        }

        HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(PATIENCE).header("Authorization", "Bearer " + token);
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String hook(String slug) throws Exception {
            HttpResponse<String> response = call("POST", "/hooks/" + slug, hooks.get(slug), "{}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            return JSON.readTree(response.body()).get("task").asText();
        }

        String status(String task) throws Exception {
            return JSON.readTree(call("GET", "/api/tasks/" + task, apiToken, null).body()).get("status").asText();
        }

        void awaitStatus(String task, String status) throws Exception {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!status(task).equals(status)) {
                assertThat(System.nanoTime()).as("task %s becomes %s; the log:%n%s", task, status, log()).isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        int exit() throws Exception {
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the server ended").isTrue();
            return process.exitValue();
        }
    }

    private void jobs() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("quick.json"), """
                {"id": "quick", "triggers": [{"type": "webhook"}],
                 "steps": [{"id": "say", "action": "core.log", "params": {"message": "quick"}}]}
                """);
        Files.writeString(jobs.resolve("short.json"), """
                {"id": "short", "triggers": [{"type": "webhook"}],
                 "steps": [{"id": "nap", "action": "core.sleep", "params": {"duration": "1500ms"}}]}
                """);
        Files.writeString(jobs.resolve("long.json"), """
                {"id": "long", "triggers": [{"type": "webhook"}],
                 "steps": [{"id": "wait", "action": "core.sleep", "params": {"duration": "10m"}}]}
                """);
    }

    private Server serve(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dpolyglot.engine.WarnInterpreterOnly=false"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.flowhost.cli.Flowhost", "serve",
                "--jobs", dir.resolve("jobs").toString(), "--data-dir", dir.resolve("data").toString(), "--port", "0",
                "--plugins-dir", ROOT.resolve("plugins").toString()));
        command.addAll(List.of(options));
        Path err = dir.resolve("err-" + System.nanoTime());
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Matcher listening;
        while (!(listening = LISTENING.matcher(Files.readString(err))).find()) {
            assertThat(process.isAlive()).as("the server runs: %s", Files.readString(err)).isTrue();
            assertThat(System.nanoTime()).as("the server listens").isLessThan(deadline);
            Thread.sleep(50);
        }
        String log = Files.readString(err);
        Matcher api = API_TOKEN.matcher(log);
        java.util.Map<String, String> hooks = new java.util.HashMap<>();
        Matcher hook = HOOK_TOKEN.matcher(log);
        while (hook.find()) {
            hooks.put(hook.group(1), hook.group(2));
        }
        return new Server(process, err, Integer.parseInt(listening.group(1)), api.find() ? api.group(1) : null, hooks);
    }

    @Test
    void aServerKilledDuringATaskMarksItInterruptedAtTheNextStartAndLosesNothingElse() throws Exception {
        jobs();
        Server first = serve("--workers", "1");
        String done = first.hook("quick");
        first.awaitStatus(done, "succeeded");
        String killed = first.hook("long");
        first.awaitStatus(killed, "running");
        String waiting = first.hook("quick"); // the only worker is busy: it waits in the queue

        first.process().destroyForcibly(); // kill -9
        first.exit();
        Server second = serve("--workers", "1");
        second = new Server(second.process(), second.err(), second.port(), first.apiToken(), first.hooks());

        assertThat(second.log()).contains("1 task was running when a Flowhost process stopped without ending them: "
                + "marked interrupted (" + killed + "); 'flowhost rerun TASK' runs one again");
        assertThat(second.status(killed)).isEqualTo("interrupted");
        JsonNode interrupted = JSON.readTree(second.call("GET", "/api/tasks/" + killed, first.apiToken(), null).body());
        assertThat(interrupted.get("error").asText()).isEqualTo("interrupted: the process that ran it (pid "
                + first.process().pid() + ") stopped before the task ended; 'flowhost rerun' runs it again");
        second.awaitStatus(waiting, "succeeded");
        JsonNode kept = JSON.readTree(second.call("GET", "/api/tasks/" + done, first.apiToken(), null).body());
        assertThat(kept.get("status").asText()).isEqualTo("succeeded");
        assertThat(kept.at("/logs/0/text").asText()).isEqualTo("quick");
        assertThat(second.log()).doesNotContain("API token (shown once"); // made once, kept hashed
        second.process().destroy();
        assertThat(second.exit()).isZero();
    }

    @Test
    void sigtermLetsRunningTasksFinishWithinTheGracePeriodThenCancelsTheRestAndExits0() throws Exception {
        jobs();
        Server server = serve("--grace", "3s");
        String shortTask = server.hook("short");
        String longTask = server.hook("long");
        server.awaitStatus(shortTask, "running");
        server.awaitStatus(longTask, "running");

        server.process().destroy(); // SIGTERM

        assertThat(server.exit()).as(server.log()).isZero();
        assertThat(server.log()).contains("stopping: triggers and the API are off; 2 running tasks have 3s to finish",
                "the grace period of 3s is over: cancelling " + longTask, "stopped");
        try (TaskStore store = TaskStore.open(StoreLocation.dataFolder(dir.resolve("data")))) {
            TaskSummary finished = store.summary(shortTask).orElseThrow();
            TaskSummary cancelled = store.summary(longTask).orElseThrow();
            assertThat(finished.status()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(cancelled.error()).isEqualTo("cancelled: the server stopped and its grace period of 3s ran out");
            assertThat(store.find(longTask).orElseThrow().steps()).singleElement()
                    .satisfies(step -> assertThat(step.status().jsonName()).isEqualTo("cancelled"));
        }
    }
}
