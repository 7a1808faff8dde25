package io.flowhost.plugin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/** {@code http.request}: one HTTP request, its response into the output, a variable or a file. */
@Extension
public final class RequestAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("http.request")
                .label("HTTP request")
                .summary("Sends an HTTP request; the response goes into the output as JSON or text, or into a file node")
                .description("""
                        Sends 'method' to 'url' with 'query' parameters and 'headers'. The body is one of 'json' \
                        (any JSON value), 'text', 'form' (an object, sent url-encoded) or 'multipart' (an object \
                        whose values are text, or {"file": "path", "type": "image/png"} for a file inside the \
                        allowed roots, plugins.http.roots). 'timeout' bounds each try; with 'retries' a 5xx answer \
                        or a failed connection is tried again after 'backoff', doubling each time. A status of \
                        400 or more fails the step unless 'failOnStatus' is false. The response goes, per 'into': \
                        "json" (parsed into the output's json), "string" (the output's text), "file" (written to \
                        'to' and appended to the nodes), or "auto" (json for a JSON content type, else string); \
                        at most 'maxBytes' are read into memory. With 'var' the variable gets \
                        {"status", "headers", "body"} too.""")
                .param(ParamSpec.string("url", "The URL, http or https").asRequired())
                .param(ParamSpec.string("method", "The HTTP method").withDefault("GET"))
                .param(ParamSpec.object("headers", "Request headers, name to value"))
                .param(ParamSpec.object("query", "Query parameters, name to value (or an array of values)"))
                .param(ParamSpec.any("json", "A JSON body"))
                .param(ParamSpec.string("text", "A text body (Content-Type text/plain unless headers say otherwise)"))
                .param(ParamSpec.object("form", "A form body, sent as application/x-www-form-urlencoded"))
                .param(ParamSpec.object("multipart", "A multipart/form-data body: text fields, {\"file\": path} for files"))
                .param(ParamSpec.duration("timeout", "How long one try may wait for the response").withDefault("30s"))
                .param(ParamSpec.integer("retries", "How many times to try again on a 5xx answer or a failed connection")
                        .withDefault(0))
                .param(ParamSpec.duration("backoff", "The wait before the first retry; doubles for each next one")
                        .withDefault("500ms"))
                .param(ParamSpec.string("into", "Where the response goes: auto, json, string or file")
                        .withDefault("auto").withAllowed("auto", "json", "string", "file"))
                .param(ParamSpec.string("to", "With into: file, the file to write"))
                .param(ParamSpec.integer("maxBytes", "The largest response read into memory").withDefault(10L * 1024 * 1024))
                .param(ParamSpec.bool("failOnStatus", "Whether a status of 400 or more fails the step").withDefault(true))
                .param(ParamSpec.string("var", "Also put {status, headers, body} into this variable"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException, InterruptedException {
        var params = context.params();
        FileRoots roots = FileRoots.of(context.settings(), "http");
        List<String> bodies = new ArrayList<>();
        for (String kind : List.of("json", "text", "form", "multipart")) {
            if (params.has(kind)) {
                bodies.add(kind);
            }
        }
        if (bodies.size() > 1) {
            throw new IllegalArgumentException("give one body, not " + bodies);
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        String contentType = null;
        if (!bodies.isEmpty()) {
            switch (bodies.get(0)) {
                case "json" -> {
                    body = HttpRequest.BodyPublishers.ofString(params.json("json").orElseThrow().toString());
                    contentType = "application/json";
                }
                case "text" -> {
                    body = HttpRequest.BodyPublishers.ofString(params.string("text"));
                    contentType = "text/plain; charset=utf-8";
                }
                case "form" -> {
                    String form = params.json("form").orElseThrow().properties().stream()
                            .map(e -> Http.encode(e.getKey()) + "=" + Http.encode(
                                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()))
                            .collect(Collectors.joining("&"));
                    body = HttpRequest.BodyPublishers.ofString(form);
                    contentType = "application/x-www-form-urlencoded";
                }
                default -> {
                    Http.Multipart multipart = Http.multipart(params.json("multipart").orElseThrow(), roots);
                    body = multipart.body();
                    contentType = multipart.contentType();
                }
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        params.json("headers").ifPresent(h -> h.properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText())));
        if (headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("content-type"))) {
            contentType = null;
        }
        String into = params.string("into");
        Path file = null;
        if (into.equals("file")) {
            if (!params.has("to")) {
                throw new IllegalArgumentException("into: file needs 'to', the file to write");
            }
            file = roots.resolve(params.string("to"));
        }
        Http.Request request = new Http.Request(params.string("method").toUpperCase(Locale.ROOT),
                Http.uri(params.string("url"), params.json("query").orElse(null)), headers, body, contentType,
                params.duration("timeout"));
        HttpResponse<InputStream> response = Http.send(context, request, HttpResponse.BodyHandlers.ofInputStream(),
                (int) params.integer("retries"), params.duration("backoff"));
        int status = response.statusCode();
        if (status >= 400 && params.bool("failOnStatus")) {
            byte[] start = response.body().readNBytes(300);
            response.body().close();
            String text = new String(start, StandardCharsets.UTF_8).strip();
            return StepResult.failed(request.method() + " " + request.uri() + " answered " + status
                    + (text.isEmpty() ? "" : ": " + text.lines().findFirst().orElse("")));
        }
        ObjectNode headersJson = JsonNodeFactory.instance.objectNode();
        response.headers().map().forEach((name, values) -> headersJson.put(name, String.join(", ", values)));
        if (file != null) {
            Files.createDirectories(file.getParent());
            try (InputStream in = response.body()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            List<Node> nodes = new ArrayList<>(context.message().nodes());
            nodes.add(new Node(file.toString(), file.getFileName().toString(), Files.size(file),
                    Files.getLastModifiedTime(file).toInstant(), null));
            ObjectNode out = JsonNodeFactory.instance.objectNode().put("status", status).put("path", file.toString())
                    .put("size", Files.size(file));
            return withVar(context, StepResult.ok(out).withMessage(context.message().withNodes(nodes)), status, headersJson,
                    out.get("path"));
        }
        byte[] bytes = Http.bounded(response.body(), params.integer("maxBytes"));
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean json = into.equals("json") || (into.equals("auto")
                && response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT).contains("json"));
        if (json) {
            JsonNode parsed;
            try {
                parsed = text.isBlank() ? JsonNodeFactory.instance.nullNode() : Http.JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return StepResult.failed("the response of " + request.uri() + " is not JSON: " + e.getOriginalMessage());
            }
            StepResult result = parsed.isNull() ? StepResult.ok() : StepResult.ok(parsed);
            return withVar(context, result, status, headersJson, parsed);
        }
        return withVar(context, StepResult.ok(text), status, headersJson, JsonNodeFactory.instance.textNode(text));
    }

    private static StepResult withVar(ActionContext context, StepResult result, int status, ObjectNode headers, JsonNode body) {
        if (!context.params().has("var")) {
            return result;
        }
        ObjectNode value = JsonNodeFactory.instance.objectNode().put("status", status);
        value.set("headers", headers);
        value.set("body", body);
        var base = result.changedMessage().orElse(context.message());
        return result.withMessage(base.withVar(context.params().string("var"), value));
    }
}
