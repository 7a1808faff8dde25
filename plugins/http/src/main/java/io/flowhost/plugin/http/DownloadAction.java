package io.flowhost.plugin.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** {@code http.download}: a URL into a file, which joins the nodes. */
@Extension
public final class DownloadAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("http.download")
                .label("Download a file")
                .summary("Downloads a URL into a file and appends it to the nodes")
                .description("""
                        GETs 'url' into 'to' (inside the allowed roots, plugins.http.roots), through a temporary \
                        file so that a failed download leaves nothing half-written. An existing file fails the \
                        step unless 'overwrite'. A status of 400 or more fails the step; 5xx answers and failed \
                        connections are tried again 'retries' times. The output is {"status", "path", "size"}.""")
                .param(ParamSpec.string("url", "The URL, http or https").asRequired())
                .param(ParamSpec.string("to", "The file to write").asRequired())
                .param(ParamSpec.object("headers", "Request headers, name to value"))
                .param(ParamSpec.bool("overwrite", "Replace an existing file").withDefault(false))
                .param(ParamSpec.duration("timeout", "How long one try may wait for the response").withDefault("5m"))
                .param(ParamSpec.integer("retries", "How many times to try again on a 5xx answer or a failed connection")
                        .withDefault(2))
                .param(ParamSpec.duration("backoff", "The wait before the first retry; doubles for each next one")
                        .withDefault("1s"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException, InterruptedException {
        var params = context.params();
        Path file = FileRoots.of(context.settings(), "http").resolve(params.string("to"));
        if (Files.exists(file) && !params.bool("overwrite")) {
            return StepResult.failed("'" + file + "' exists; set overwrite to replace it");
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        params.json("headers").ifPresent(h -> h.properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText())));
        Http.Request request = new Http.Request("GET", Http.uri(params.string("url"), null), headers,
                java.net.http.HttpRequest.BodyPublishers.noBody(), null, params.duration("timeout"));
        HttpResponse<InputStream> response = Http.send(context, request, HttpResponse.BodyHandlers.ofInputStream(),
                (int) params.integer("retries"), params.duration("backoff"));
        if (response.statusCode() >= 400) {
            response.body().close();
            return StepResult.failed("GET " + request.uri() + " answered " + response.statusCode());
        }
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling("." + file.getFileName() + ".part");
        try (InputStream in = response.body()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        List<Node> nodes = new ArrayList<>(context.message().nodes());
        nodes.add(new Node(file.toString(), file.getFileName().toString(), Files.size(file),
                Files.getLastModifiedTime(file).toInstant(), null));
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("status", response.statusCode())
                        .put("path", file.toString()).put("size", Files.size(file)))
                .withMessage(context.message().withNodes(nodes));
    }
}
