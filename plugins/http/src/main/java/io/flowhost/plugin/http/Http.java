package io.flowhost.plugin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.api.FileRoots;
import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.ActionContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP client both actions share: the JDK's {@link HttpClient}, one per plugin, following
 * redirects within the same scheme, with per-request timeouts, retries with doubling backoff on 5xx
 * answers and connection failures, and cancellation that abandons the request at once.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Http() {}

    /** What to send, built once: a request is rebuilt for every try. */
    record Request(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body, String contentType,
            Duration timeout) {
        HttpRequest build() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            headers.forEach(builder::header);
            return builder.build();
        }
    }

    /**
     * Sends a request, trying again on a 5xx answer or a failed connection.
     *
     * @param retries how many times to try again
     * @param backoff the wait before the first retry; it doubles for each later one
     */
    static <T> HttpResponse<T> send(ActionContext context, Request request, HttpResponse.BodyHandler<T> handler,
            int retries, Duration backoff) throws IOException, InterruptedException {
        Duration wait = backoff;
        for (int attempt = 0; ; attempt++) {
            context.checkCancelled();
            HttpResponse<T> response;
            try {
                response = await(context, CLIENT.sendAsync(request.build(), handler), request.timeout());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                if (attempt >= retries) {
                    throw new IOException("cannot connect to " + request.uri() + " (" + describe(e) + ")"
                            + (retries > 0 ? " after " + (retries + 1) + " tries" : ""), e);
                }
                context.log().warn("cannot connect to " + request.uri() + "; try " + (attempt + 2) + " of " + (retries + 1)
                        + " in " + wait.toMillis() + "ms");
                pause(context, wait);
                wait = wait.multipliedBy(2);
                continue;
            }
            if (response.statusCode() >= 500 && attempt < retries) {
                context.log().warn(request.method() + " " + request.uri() + " answered " + response.statusCode() + "; try "
                        + (attempt + 2) + " of " + (retries + 1) + " in " + wait.toMillis() + "ms");
                pause(context, wait);
                wait = wait.multipliedBy(2);
                continue;
            }
            return response;
        }
    }

    private static <T> HttpResponse<T> await(ActionContext context, CompletableFuture<HttpResponse<T>> future, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        try {
            while (true) {
                try {
                    return future.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (context.isCancelled()) {
                        future.cancel(true);
                        throw new ActionCancelledException(context.stepPath());
                    }
                    if (System.nanoTime() > deadline) {
                        future.cancel(true);
                        throw new IOException("no answer within " + timeout.toMillis() + "ms");
                    }
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectException connect) {
                throw connect;
            }
            if (cause instanceof java.net.http.HttpTimeoutException timedOut) {
                throw new IOException("no answer within " + timeout.toMillis() + "ms", timedOut);
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(describe(cause), cause);
        }
    }

    private static void pause(ActionContext context, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            context.checkCancelled();
            Thread.sleep(Duration.ofNanos(Math.min(50_000_000L, Math.max(0, end - System.nanoTime()))));
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** {@code url?name=value&...}, each part URL-encoded. */
    static URI uri(String url, JsonNode query) {
        StringBuilder text = new StringBuilder(url);
        if (query != null && query.isObject() && !query.isEmpty()) {
            text.append(url.contains("?") ? '&' : '?');
            List<String> parts = new ArrayList<>();
            query.properties().forEach(e -> {
                List<JsonNode> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(values::add);
                } else {
                    values.add(e.getValue());
                }
                for (JsonNode value : values) {
                    parts.add(encode(e.getKey()) + "=" + encode(value.isValueNode() ? value.asText() : value.toString()));
                }
            });
            text.append(String.join("&", parts));
        }
        URI uri;
        try {
            uri = URI.create(text.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getMessage());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("'" + url + "' is not an http or https URL");
        }
        return uri;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A multipart/form-data body: text fields, and files for fields written {"file": "path"}. */
    static Multipart multipart(JsonNode fields, FileRoots roots) throws IOException {
        String boundary = "flowhost-" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            JsonNode value = field.getValue();
            StringBuilder head = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + quote(field.getKey()) + "\"");
            byte[] content;
            if (value.isObject() && value.has("file")) {
                Path file = roots.resolve(value.get("file").asText());
                head.append("; filename=\"").append(quote(file.getFileName().toString())).append("\"\r\n")
                        .append("Content-Type: ").append(value.path("type").asText("application/octet-stream"));
                content = Files.readAllBytes(file);
            } else {
                content = (value.isValueNode() ? value.asText() : value.toString()).getBytes(StandardCharsets.UTF_8);
            }
            head.append("\r\n\r\n");
            parts.add(head.toString().getBytes(StandardCharsets.UTF_8));
            parts.add(content);
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart(HttpRequest.BodyPublishers.ofByteArrays(parts), "multipart/form-data; boundary=" + boundary);
    }

    record Multipart(HttpRequest.BodyPublisher body, String contentType) {}

    private static String quote(String text) {
        return text.replace("\"", "%22").replace("\r", "").replace("\n", "");
    }

    /** Reads at most {@code max} bytes of a body, failing when there are more. */
    static byte[] bounded(InputStream in, long max) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > max) {
                throw new IOException("the response is larger than maxBytes " + max);
            }
            return bytes;
        }
    }
}
