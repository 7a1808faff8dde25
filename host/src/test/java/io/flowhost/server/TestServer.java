package io.flowhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.plugins.HostVersion;
import io.flowhost.plugins.PluginCatalog;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.ScriptActions;
import io.flowhost.store.StoreLocation;
import io.flowhost.store.TaskStore;
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
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real server on loopback (any free port) with its own jobs folder and SQLite data folder in a
 * test's temporary directory, the checkout's plugins, and an HTTP client; the tokens it shows once
 * are read from its log, as a person reads them.
 */
final class TestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final Path PLUGINS = Path.of(System.getProperty("flowhost.builtPlugins", "../plugins"));
    private static final Pattern API_TOKEN = Pattern.compile("API token \\(.*\\): (\\S+)$");
    private static final Pattern HOOK_TOKEN = Pattern.compile("webhook POST /hooks/(\\S+) of job .*: (\\S+)$");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final Path dir;
    final Path jobs;
    final Path data;
    final List<String> log = new ArrayList<>();
    final java.util.Map<String, String> hookTokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final Consumer<Server.Builder> settings;
    private final JsExpressions expressions = new JsExpressions(Limits.defaults());
    private final PluginCatalog catalog;
    TaskStore store;
    Server server;
    String apiToken;

    private TestServer(Path dir, Consumer<Server.Builder> settings) throws IOException {
        this.dir = dir;
        this.jobs = Files.createDirectories(dir.resolve("jobs"));
        this.data = dir.resolve("data");
        this.settings = settings;
        this.catalog = PluginCatalog.load(List.of(PLUGINS), HostVersion.hostVersion(), ScriptActions.builtIns(expressions));
    }

    /** A server not yet started: write its jobs first, then {@link #start()}. */
    static TestServer in(Path dir) throws IOException {
        return in(dir, builder -> {});
    }

    static TestServer in(Path dir, Consumer<Server.Builder> settings) throws IOException {
        return new TestServer(dir, settings);
    }

    TestServer job(String name, String text) throws IOException {
        Files.writeString(jobs.resolve(name), text);
        return this;
    }

    TestServer start() {
        store = TaskStore.open(StoreLocation.dataFolder(data));
        Server.Builder builder = Server.builder(catalog, expressions, store).jobs(jobs).port(0).grace(Duration.ofSeconds(5))
                .log(this::logged);
        settings.accept(builder);
        server = builder.start();
        return this;
    }

    /** Stops the server and closes its store, as a process that ends does; {@link #start()} starts it again. */
    void stop() {
        server.stop();
        store.close();
    }

    private void logged(String line) {
        synchronized (log) {
            log.add(line);
        }
        Matcher api = API_TOKEN.matcher(line);
        if (api.find()) {
            apiToken = api.group(1);
        }
        Matcher hook = HOOK_TOKEN.matcher(line);
        if (hook.find()) {
            hookTokens.put(hook.group(1), hook.group(2));
        }
    }

    List<String> logLines() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Waits for a log line, and returns it. */
    String awaitLog(Predicate<String> line) {
        await(() -> logLines().stream().anyMatch(line), "a log line; the log: " + logLines());
        return logLines().stream().filter(line).findFirst().orElseThrow();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for %s", what).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An API call with the API token; a body is sent as JSON. */
    HttpResponse<String> api(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + apiToken);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request);
    }

    JsonNode get(String path) {
        HttpResponse<String> response = api("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** A webhook call with its token (when not {@code null}). */
    HttpResponse<String> hook(String slug, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/hooks/" + slug))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** @return the tasks of a job, newest first, as the API lists them */
    JsonNode tasks(String job) {
        return get("/api/tasks?limit=1000&job=" + job).get("tasks");
    }

    /** Waits until the job has {@code count} ended tasks, and returns its tasks. */
    JsonNode awaitEnded(String job, int count) {
        await(() -> {
            int ended = 0;
            for (JsonNode task : tasks(job)) {
                ended += List.of("queued", "running").contains(task.get("status").asText()) ? 0 : 1;
            }
            return ended >= count;
        }, count + " ended tasks of job " + job);
        return tasks(job);
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
        catalog.close();
    }
}
