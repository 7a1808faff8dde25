package io.flowhost.plugin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flowhost.api.Node;
import io.flowhost.api.StepResult;
import io.flowhost.testkit.ActionRun;
import io.flowhost.testkit.ActionTester;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real HTTP server on loopback. */
class HttpActionsTest {
    @TempDir
    Path root;

    private HttpServer server;
    private String base;
    private final AtomicInteger flaky = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String json = "{\"method\": \"" + exchange.getRequestMethod() + "\", \"query\": " + quote(exchange.getRequestURI().getRawQuery())
                    + ", \"type\": " + quote(exchange.getRequestHeaders().getFirst("Content-Type"))
                    + ", \"token\": " + quote(exchange.getRequestHeaders().getFirst("X-Token"))
                    + ", \"body\": " + quote(body) + "}";
            reply(exchange, 200, "application/json", json);
        });
        server.createContext("/flaky", exchange -> {
            if (flaky.incrementAndGet() <= 2) {
                reply(exchange, 503, "text/plain", "busy");
            } else {
                reply(exchange, 200, "text/plain", "finally");
            }
        });
        server.createContext("/missing", exchange -> reply(exchange, 404, "text/plain", "not here\nat all"));
        server.createContext("/file.bin", exchange -> reply(exchange, 200, "application/octet-stream", "0123456789"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r")
                .replace("\n", "\\n") + "\"";
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private ActionRun request(String params) throws Exception {
        return ActionTester.of(new RequestAction()).withSettings("{\"roots\": [\"" + root + "\"]}").run(params);
    }

    @Test
    void getWithQueryAndHeadersParsesAJsonResponse() throws Exception {
        ActionRun run = request("{\"url\": \"" + base + "/echo\", \"query\": {\"q\": \"a b&c\", \"n\": [1, 2]}, "
                + "\"headers\": {\"X-Token\": \"t0k3n\"}, \"var\": \"answer\"}");

        assertThat(run.result().json().get("method").asText()).isEqualTo("GET");
        assertThat(run.result().json().get("query").asText()).isEqualTo("q=a%20b%26c&n=1&n=2");
        assertThat(run.result().json().get("token").asText()).isEqualTo("t0k3n");
        assertThat(run.message().var("answer").orElseThrow().get("status").asInt()).isEqualTo(200);
    }

    @Test
    void bodiesAreSentAsJsonTextFormOrMultipart() throws Exception {
        Files.writeString(root.resolve("photo.txt"), "file content");

        assertThat(request("{\"url\": \"" + base + "/echo\", \"method\": \"post\", \"json\": {\"a\": [1]}}").result().json()
                .get("body").asText()).isEqualTo("{\"a\":[1]}");
        assertThat(request("{\"url\": \"" + base + "/echo\", \"method\": \"PUT\", \"text\": \"hi\"}").result().json()
                .get("type").asText()).isEqualTo("text/plain; charset=utf-8");
        assertThat(request("{\"url\": \"" + base + "/echo\", \"method\": \"POST\", \"form\": {\"a\": \"1 2\", \"b\": \"x&y\"}}")
                .result().json().get("body").asText()).isEqualTo("a=1%202&b=x%26y");
        ActionRun multipart = request("{\"url\": \"" + base + "/echo\", \"method\": \"POST\", \"multipart\": "
                + "{\"note\": \"hello\", \"upload\": {\"file\": \"photo.txt\", \"type\": \"text/plain\"}}}");
        String body = multipart.result().json().get("body").asText();
        assertThat(multipart.result().json().get("type").asText()).startsWith("multipart/form-data; boundary=flowhost-");
        assertThat(body).contains("Content-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n",
                "Content-Disposition: form-data; name=\"upload\"; filename=\"photo.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                        + "file content\r\n");
    }

    @Test
    void fiveHundredsAreRetriedWithBackoffAndFailuresNameTheStatus() throws Exception {
        ActionRun run = request("{\"url\": \"" + base + "/flaky\", \"retries\": 2, \"backoff\": \"10ms\"}");

        assertThat(run.result().string()).isEqualTo("finally");
        assertThat(run.log()).containsExactly(
                "warn: GET " + base + "/flaky answered 503; try 2 of 3 in 10ms",
                "warn: GET " + base + "/flaky answered 503; try 3 of 3 in 20ms");
        assertThat(request("{\"url\": \"" + base + "/missing\"}").result())
                .isEqualTo(StepResult.failed("GET " + base + "/missing answered 404: not here"));
        assertThat(request("{\"url\": \"" + base + "/missing\", \"failOnStatus\": false}").result().string())
                .isEqualTo("not here\nat all");
    }

    @Test
    void aRefusedConnectionIsRetriedThenFails() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> request("{\"url\": \"http://127.0.0.1:" + closed + "/x\", \"retries\": 1, \"backoff\": \"10ms\"}"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot connect to http://127.0.0.1:" + closed + "/x (")
                .hasMessageEndingWith(") after 2 tries");
    }

    @Test
    void responsesGoIntoFilesAndDownloadsBecomeNodes() throws Exception {
        ActionRun saved = request("{\"url\": \"" + base + "/file.bin\", \"into\": \"file\", \"to\": \"in/saved.bin\"}");
        assertThat(root.resolve("in/saved.bin")).hasContent("0123456789");
        assertThat(saved.message().nodes()).extracting(Node::name).containsExactly("saved.bin");

        ActionRun downloaded = ActionTester.of(new DownloadAction()).withSettings("{\"roots\": [\"" + root + "\"]}")
                .run("{\"url\": \"" + base + "/file.bin\", \"to\": \"dl/copy.bin\"}");
        assertThat(root.resolve("dl/copy.bin")).hasContent("0123456789");
        assertThat(downloaded.result().json().get("size").asInt()).isEqualTo(10);
        assertThatThrownBy(() -> request("{\"url\": \"file:///etc/passwd\"}"))
                .hasMessage("'file:///etc/passwd' is not an http or https URL");
    }
}
