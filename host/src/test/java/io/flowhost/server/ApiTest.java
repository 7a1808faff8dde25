package io.flowhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API on a real server: one server for the class, each test on its own job. */
class ApiTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.in(dir)
                .job("greet.json", """
                        {"id": "greet", "label": "Greet", "parameters": [{"name": "who", "default": "world"}],
                         "steps": [{"id": "say", "action": "core.log", "params": {"message": "hello {{ params.who }}"}},
                                   {"id": "echo", "action": "core.log", "params": {"message": "{{ nodes.length }} nodes"}}]}
                        """)
                .job("slow.json", """
                        {"id": "slow", "steps": [{"id": "wait", "action": "core.sleep", "params": {"duration": "1m"}}]}
                        """)
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> run(String job, String body) {
        return server.api("POST", "/api/jobs/" + job + "/run?wait=30", body);
    }

    @Test
    void everyApiPathNeedsTheTokenButHealth() {
        HttpResponse<String> none = server.send(HttpRequest.newBuilder(server.uri("/api/jobs")));
        HttpResponse<String> wrong = server.send(HttpRequest.newBuilder(server.uri("/api/jobs"))
                .header("Authorization", "Bearer nope"));
        HttpResponse<String> health = server.send(HttpRequest.newBuilder(server.uri("/health")));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("{\"error\":{\"message\":\"this needs the API token: send Authorization: Bearer TOKEN\"}}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(health).get("status").asText()).isEqualTo("ok");
        assertThat(server.api("GET", "/api/nothing", null).body())
                .isEqualTo("{\"error\":{\"message\":\"no such endpoint: GET /api/nothing\"}}");
    }

    @Test
    void jobsAreListedShownValidatedAndRunWithParametersAndAMessage() {
        JsonNode jobs = server.get("/api/jobs");
        JsonNode greet = server.get("/api/jobs/greet");
        HttpResponse<String> ran = run("greet", "{\"params\": {\"who\": \"Ada\"}, \"message\": {\"nodes\": [{\"path\": \"/a\"}]}}");
        HttpResponse<String> bad = server.api("POST", "/api/jobs/greet/run", "{\"params\": {\"whom\": \"x\"}}");
        JsonNode valid = TestServer.json(server.api("POST", "/api/jobs/validate", greet.get("text").asText()));
        JsonNode invalid = TestServer.json(server.api("POST", "/api/jobs/validate?name=broken.json",
                "{\"id\": \"x\", \"steps\": [{\"id\": \"a\", \"action\": \"core.lgo\"}]}"));

        assertThat(jobs.get("jobs").findValuesAsText("id")).containsExactly("greet", "slow");
        assertThat(greet.get("label").asText()).isEqualTo("Greet");
        assertThat(greet.get("text").asText()).contains("hello {{ params.who }}");
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        JsonNode task = TestServer.json(ran);
        assertThat(task.findValuesAsText("text")).containsExactly("hello Ada", "1 nodes");
        assertThat(task.get("trigger").asText()).isEqualTo("manual");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(bad).at("/error/message").asText()).isEqualTo("unknown parameter 'whom' for job 'greet'; it takes [who]");
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(invalid.get("valid").asBoolean()).isFalse();
        assertThat(invalid.at("/problems/0/message").asText()).startsWith("unknown action 'core.lgo'");
        assertThat(invalid.at("/problems/0/line").asInt()).isEqualTo(1);
        assertThat(server.api("GET", "/api/jobs/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void tasksAreListedWithFiltersAndPagesShownWithTheirStepsAndLogged() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(TestServer.json(run("greet", "{\"params\": {\"who\": \"n" + i + "\"}}")).get("id").asText());
        }

        JsonNode page = server.get("/api/tasks?job=greet&limit=2");
        JsonNode rest = server.get("/api/tasks?job=greet&limit=2&cursor=" + page.get("next").asText());
        JsonNode task = server.get("/api/tasks/" + ids.get(2));
        JsonNode log = server.get("/api/tasks/" + ids.get(2) + "/logs");
        String text = server.api("GET", "/api/tasks/" + ids.get(2) + "/logs?format=text", null).body();

        assertThat(page.get("tasks")).hasSize(2);
        assertThat(page.get("tasks").get(0).get("id").asText()).isEqualTo(server.get("/api/tasks?job=greet&limit=1")
                .at("/tasks/0/id").asText());
        assertThat(rest.get("tasks").findValuesAsText("id")).doesNotContainAnyElementsOf(page.get("tasks").findValuesAsText("id"));
        assertThat(task.get("steps").findValuesAsText("path")).containsExactly("say", "echo");
        assertThat(task.at("/steps/0/input/event/type").asText()).isEqualTo("manual");
        assertThat(task.at("/params/who").asText()).isEqualTo("n2");
        assertThat(log.get("events").findValuesAsText("kind")).containsExactly("log", "step", "log", "step");
        assertThat(text).startsWith("task " + ids.get(2) + " of job 'greet' started\n  info      say: hello n2\n  succeeded say (core.log) ")
                .contains("task " + ids.get(2) + " succeeded in ");
        assertThat(server.get("/api/tasks?status=succeeded&job=greet").get("tasks").size()).isGreaterThanOrEqualTo(3);
        assertThat(server.api("GET", "/api/tasks?status=done", null).statusCode()).isEqualTo(400);
        assertThat(server.api("GET", "/api/tasks/20260101-000000-000000000", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRunningTaskIsCancelledAndAnEndedOneRerunWithTheSameParametersAndMessage() {
        String slow = TestServer.json(server.api("POST", "/api/jobs/slow/run", null)).get("task").asText();
        TestServer.await(() -> server.get("/api/tasks/" + slow).get("status").asText().equals("running"), "slow runs");

        HttpResponse<String> cancel = server.api("POST", "/api/tasks/" + slow + "/cancel", null);
        TestServer.await(() -> server.get("/api/tasks/" + slow).get("status").asText().equals("cancelled"), "slow cancelled");
        HttpResponse<String> again = server.api("POST", "/api/tasks/" + slow + "/cancel", null);

        assertThat(cancel.statusCode()).isEqualTo(202);
        assertThat(TestServer.json(cancel).get("outcome").asText()).isEqualTo("requested");
        assertThat(server.get("/api/tasks/" + slow).get("error").asText()).isEqualTo("cancelled through the API");
        assertThat(again.statusCode()).isEqualTo(409);

        String first = TestServer.json(run("greet", "{\"params\": {\"who\": \"Bob\"}, \"message\": {\"items\": [1, 2]}}"))
                .get("id").asText();
        HttpResponse<String> rerun = server.api("POST", "/api/tasks/" + first + "/rerun?wait=30", null);
        JsonNode second = TestServer.json(rerun);
        assertThat(rerun.statusCode()).as(rerun.body()).isEqualTo(200);
        assertThat(second.get("rerunOf").asText()).isEqualTo(first);
        assertThat(second.get("params")).isEqualTo(server.get("/api/tasks/" + first).get("params"));
        assertThat(second.at("/input/items")).isEqualTo(server.get("/api/tasks/" + first).at("/input/items"));
    }

    @Test
    void actionsAndHelpersAreDescribed() {
        JsonNode actions = server.get("/api/actions");
        JsonNode log = server.get("/api/actions/core.log");
        JsonNode helpers = server.get("/api/helpers?q=bytes");

        assertThat(actions.get("actions").findValuesAsText("id")).contains("core.log", "script.js");
        assertThat(log.get("params").findValuesAsText("name")).contains("message");
        assertThat(helpers.get("helpers").findValuesAsText("name")).contains("humanBytes", "parseBytes");
        assertThat(server.api("GET", "/api/actions/core.lgo", null).statusCode()).isEqualTo(404);
    }

    @Test
    void evalEvaluatesATemplateOrAScriptAsFlowhostEvalDoesWithLineAndColumnOnError() {
        JsonNode template = TestServer.json(server.api("POST", "/api/eval",
                "{\"template\": \"{{ humanBytes(node.size) }} in {{ node.name }}\", "
                        + "\"message\": {\"nodes\": [{\"path\": \"/a/b.jpg\", \"size\": 2048}]}}"));
        JsonNode script = TestServer.json(server.api("POST", "/api/eval",
                "{\"script\": \"console.log('hi');\\nreturn params.n * 2\", \"params\": {\"n\": 21}}"));
        HttpResponse<String> error = server.api("POST", "/api/eval", "{\"template\": \"Hi {{ nod.name }}\"}");
        HttpResponse<String> runaway = server.api("POST", "/api/eval", "{\"script\": \"while (true) {}\"}");
        HttpResponse<String> neither = server.api("POST", "/api/eval", "{\"message\": {}}");

        assertThat(template.get("value").asText()).isEqualTo("2.0 KiB in b.jpg");
        assertThat(script.get("value").asInt()).isEqualTo(42);
        assertThat(script.get("logs").get(0).asText()).isEqualTo("info: hi");
        assertThat(error.statusCode()).isEqualTo(422);
        assertThat(error.body()).isEqualTo("{\"error\":{\"message\":\"ReferenceError: nod is not defined\",\"line\":1,\"column\":7}}");
        assertThat(runaway.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(runaway).at("/error/message").asText()).contains("statement");
        assertThat(neither.statusCode()).isEqualTo(400);
    }

    /** Every route the server answers is in the OpenAPI document, and every path of the document is a route. */
    @Test
    void theOpenApiDocumentDescribesEveryRouteAndNothingElse() throws Exception {
        JsonNode document = server.get("/api/openapi.json");
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(method -> documented.add(method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        Set<String> routes = new TreeSet<>();
        Pattern route = Pattern.compile("routes\\.(get|post)\\(\"([^\"]+)\"");
        for (String source : List.of("Api.java", "Hooks.java")) {
            Matcher m = route.matcher(java.nio.file.Files.readString(Path.of("src/main/java/io/flowhost/server", source)));
            while (m.find()) {
                routes.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + m.group(2));
            }
        }

        assertThat(documented).isEqualTo(routes);
        assertThat(documented).hasSize(17);
    }
}
