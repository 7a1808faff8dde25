package io.flowhost.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP side of the server, on Javalin (Jetty, virtual threads): JSON answers, errors as
 * {@code {"error": {"message": ...}}} with their status and never a stack trace, a body size limit,
 * and the API token required on {@code /api/*}. The routes are {@link Api}'s and {@link Hooks}'s.
 */
final class Http implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;

    private Http(Javalin app) {
        this.app = app;
    }

    /**
     * @param bind     the address to listen on
     * @param port     the port, or 0 for any free one
     * @param maxBody  the largest request body, in bytes
     * @param apiToken whether a request carries the API token (as {@code Authorization: Bearer TOKEN})
     * @param routes   the routes
     * @param log      one line per unexpected failure
     */
    static Http start(String bind, int port, long maxBody, java.util.function.Predicate<String> apiToken,
            Consumer<RoutesConfig> routes, Consumer<String> log) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = maxBody;
            config.http.defaultContentType = "application/json";
            config.jetty.host = bind;
            config.jetty.port = port;
            // Jetty's own errors (a malformed request line, headers too large) in our words, without its HTML page
            config.jetty.modifyServer(server -> server.setErrorHandler(Http::jettyError));
            config.routes.before("/api/*", ctx -> {
                String header = ctx.header("Authorization");
                String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
                if (!apiToken.test(token)) {
                    throw new ApiError(401, token == null ? "this needs the API token: send Authorization: Bearer TOKEN"
                            : "wrong API token");
                }
            });
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.details()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e.getStatus() == 413 ? "the body is larger than the limit of " + maxBody + " bytes"
                            : e.getStatus() == 404 ? "no such endpoint: " + ctx.method() + " " + ctx.path() : e.getMessage(),
                    null));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.accept("internal error answering " + ctx.method() + " " + ctx.path() + ": " + e);
                error(ctx, 500, "internal error; the server's log says more", null);
            });
            routes.accept(config.routes);
        });
        app.start();
        return new Http(app);
    }

    /** @return the port the server listens on */
    int port() {
        return app.port();
    }

    static void json(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static void error(Context ctx, int status, String message, ObjectNode details) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error").put("message", message);
        if (details != null) {
            inner.setAll(details);
        }
        json(ctx, status, error);
    }

    private static boolean jettyError(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        String body = JSON.createObjectNode().set("error", JSON.createObjectNode()
                .put("message", "the request cannot be read (HTTP " + status + ")")).toString();
        response.getHeaders().put("Content-Type", "application/json");
        response.write(true, java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** Stops taking requests; those being answered finish. */
    @Override
    public void close() {
        app.stop();
    }
}
