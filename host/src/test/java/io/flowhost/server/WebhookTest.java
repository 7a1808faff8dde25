package io.flowhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /hooks/{slug}} on a real server: tokens, bodies, parameters, waiting for the result. */
class WebhookTest {
    @TempDir
    Path dir;

    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.in(dir, builder -> builder.maxBodyBytes(4096)).job("greet.json", """
                {"id": "greet", "parameters": [{"name": "who", "default": "world"}, {"name": "times", "type": "integer", "default": 1}],
                 "triggers": [{"type": "webhook", "slug": "greet"}],
                 "steps": [{"id": "say", "action": "core.log",
                            "params": {"message": "hello {{ params.who }} x{{ params.times }} from {{ event.body.from }}"}}]}
                """).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutTokenWithAWrongOneAndWithTheRightOneIs401Then401Then202() {
        String token = server.hookTokens.get("greet");

        HttpResponse<String> none = server.hook("greet", null, "application/json", "{}");
        HttpResponse<String> wrong = server.hook("greet", token + "x", "application/json", "{}");
        HttpResponse<String> right = server.hook("greet", token, "application/json", "{\"from\": \"curl\"}");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(none).at("/error/message").asText())
                .isEqualTo("this webhook needs its token: send Authorization: Bearer TOKEN or X-Flowhost-Token: TOKEN");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"error\":{\"message\":\"wrong token for webhook 'greet'\"}}");
        assertThat(right.statusCode()).isEqualTo(202);
        String id = TestServer.json(right).get("task").asText();
        JsonNode tasks = server.awaitEnded("greet", 1);
        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.get("id").asText()).isEqualTo(id);
            assertThat(task.get("trigger").asText()).isEqualTo("webhook");
        });
        assertThat(server.get("/api/tasks/" + id).at("/logs/0/text").asText()).isEqualTo("hello world x1 from curl");
    }

    @Test
    void oversizeMalformedAndNonJsonBodiesAreRefusedClearlyAndQueueNothing() {
        String token = server.hookTokens.get("greet");

        HttpResponse<String> big = server.hook("greet", token, "application/json", "{\"from\": \"" + "x".repeat(5000) + "\"}");
        HttpResponse<String> broken = server.hook("greet", token, "application/json", "{\"from\": ");
        HttpResponse<String> text = server.hook("greet", token, "text/plain", "hello");
        HttpResponse<String> none = server.hook("greet", token, null, "{}");
        HttpResponse<String> trailing = server.hook("greet", token, "application/json", "{} {}");
        HttpResponse<String> badParam = server.hook("greet", token, "application/json", "{\"times\": \"many\"}");
        HttpResponse<String> unknown = server.hook("nope", token, "application/json", "{}");

        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(TestServer.json(big).at("/error/message").asText()).isEqualTo("the body is 5012 bytes, more than the limit of 4096 bytes");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(broken).at("/error/message").asText()).startsWith("invalid JSON at 1:10: Unexpected end-of-input");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(TestServer.json(text).at("/error/message").asText())
                .isEqualTo("the body must be JSON, sent with Content-Type: application/json, not text/plain");
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(trailing.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(trailing).at("/error/message").asText())
                .isEqualTo("invalid JSON at 1:4: unexpected content after the JSON value");
        assertThat(badParam.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(badParam).at("/error/message").asText()).contains("times");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(server.get("/api/tasks").get("tasks")).isEmpty();
        assertThat(big.body() + broken.body() + text.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void bodyFieldsSetTheJobsParametersAndWaitAnswersWithTheEndedTask() {
        String token = server.hookTokens.get("greet");

        HttpResponse<String> response = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/hooks/greet?wait=30"))
                .header("X-Flowhost-Token", token).header("Content-Type", "application/json; charset=utf-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"who\": \"Ada\", \"times\": \"3\", \"from\": \"a test\"}")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode task = TestServer.json(response);
        assertThat(task.get("status").asText()).isEqualTo("succeeded");
        assertThat(task.get("params").toString()).isEqualTo("{\"who\":\"Ada\",\"times\":3}");
        assertThat(task.at("/logs/0/text").asText()).isEqualTo("hello Ada x3 from a test");
        assertThat(task.at("/input/event/body/from").asText()).isEqualTo("a test");
        assertThat(task.at("/input/event/hook").asText()).isEqualTo("greet");
    }

    @Test
    void aNewTokenMadeThroughTheApiReplacesTheOldOne() {
        String old = server.hookTokens.get("greet");

        JsonNode made = TestServer.json(server.api("POST", "/api/hooks/greet/token", null));

        assertThat(server.hook("greet", old, "application/json", "{}").statusCode()).isEqualTo(401);
        assertThat(server.hook("greet", made.get("token").asText(), "application/json", "{}").statusCode()).isEqualTo(202);
    }
}
