package io.flowhost.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the sample and preset jobs run against: real files, a host configuration, an HTTP server on loopback. */
final class JobServers {
    private JobServers() {}

    /**
     * A host configuration whose plugins may touch {@code root} only.
     *
     * @param extra more settings by plugin id, as JSON objects, merged over the roots, e.g.
     *              {@code "shell", "{\"allow\": {...}}"}
     */
    static Path config(Path root, String... extra) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode plugins = json.createObjectNode();
        for (String plugin : List.of("files", "archive", "data", "http", "mail")) {
            plugins.putObject(plugin).putArray("roots").add(root.toString());
        }
        for (int i = 0; i < extra.length; i += 2) {
            ObjectNode section = plugins.has(extra[i]) ? (ObjectNode) plugins.get(extra[i]) : plugins.putObject(extra[i]);
            section.setAll((ObjectNode) json.readTree(extra[i + 1]));
        }
        ObjectNode config = json.createObjectNode();
        config.set("plugins", plugins);
        return Files.writeString(root.resolve("flowhost.json"), config.toString());
    }

    /** Copies the sample inbox into {@code root/inbox}. */
    static Path inbox(Path root) throws IOException {
        Path samples = Path.of(System.getProperty("flowhost.root", "..")).resolve("scripts/samples/inbox");
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        try (var files = Files.list(samples)) {
            for (Path file : files.toList()) {
                Files.copy(file, inbox.resolve(file.getFileName()));
            }
        }
        return inbox;
    }

    /** An HTTP server on loopback: GET /tickets.json, and POST /rows, which records bodies and fails every third. */
    static final class Http implements AutoCloseable {
        final HttpServer server;
        final List<String> posted = new CopyOnWriteArrayList<>();

        Http() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/tickets.json", exchange -> reply(exchange, 200, """
                    [{"title": "printer", "status": "open"}, {"title": "wifi", "status": "closed"},
                     {"title": "coffee", "status": "open"}]"""));
            server.createContext("/rows", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (body.contains("\"broken\"")) {
                    reply(exchange, 400, "{\"error\": \"bad row\"}");
                    return;
                }
                posted.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
                reply(exchange, 201, "{\"ok\": true}");
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        private static void reply(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
