package io.flowhost.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.jobs.JobParameters;
import io.flowhost.store.TaskRecord;
import io.flowhost.trigger.Triggers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /hooks/{slug}}: a webhook starts a task of its job. The hook's own token comes in
 * {@code Authorization: Bearer TOKEN} or {@code X-Flowhost-Token}; the body is JSON, within the size
 * limit; it becomes the message's {@code event.body}, and its top-level fields named like the job's
 * parameters set them. The answer is {@code 202 {"task": ID}} once the task is queued for good, or,
 * with {@code ?wait=SECONDS}, the task's report when it ends within that time. A request that is
 * refused (401, 404, 400, 413, 415) queues nothing.
 */
final class Hooks {
    /** The longest {@code ?wait}. */
    static final int MAX_WAIT_SECONDS = 300;

    private final Server server;

    Hooks(Server server) {
        this.server = server;
    }

    void routes(RoutesConfig routes) {
        routes.post("/hooks/{slug}", this::receive);
    }

    private void receive(Context ctx) throws InterruptedException {
        String slug = ctx.pathParam("slug");
        Triggers.Hook hook = server.triggers.hook(slug).orElseThrow(() -> ApiError.notFound("no webhook '" + slug + "'"));
        String presented = ctx.header("X-Flowhost-Token");
        String authorization = ctx.header("Authorization");
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        }
        if (presented == null) {
            throw new ApiError(401, "this webhook needs its token: send Authorization: Bearer TOKEN or X-Flowhost-Token: TOKEN");
        }
        if (!server.tokens.hookToken(slug, presented)) {
            throw new ApiError(401, "wrong token for webhook '" + slug + "'");
        }
        Bodies.requireJson(ctx.contentType());
        Bodies.requireSize(ctx.contentLength(), server.settings.maxBodyBytes);
        JsonNode body = Bodies.json(ctx.bodyAsBytes());
        int wait = waitSeconds(ctx.queryParam("wait"));
        JobFolder.Loaded loaded = server.jobs.job(hook.jobId()).orElseThrow(() -> ApiError.notFound("no webhook '" + slug + "'"));
        ObjectNode given = hook.trigger().params().deepCopy();
        if (body.isObject()) {
            for (Map.Entry<String, JsonNode> field : body.properties()) {
                if (loaded.job().parameter(field.getKey()).isPresent()) {
                    given.set(field.getKey(), field.getValue());
                }
            }
        }
        ObjectNode params;
        try {
            params = JobParameters.resolveJson(loaded.job(), given);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage().replace(" (give it with --param ", " (give it in the body: \"")
                    .replaceFirst("=VALUE\\)$", "\": VALUE)"));
        }
        ObjectNode event = Bodies.JSON.createObjectNode().put("type", "webhook").put("hook", slug)
                .put("receivedAt", Instant.now().toString());
        event.set("body", body);
        var task = server.task(loaded, params, Message.empty().withEvent(event));
        if (wait == 0) {
            Http.json(ctx, 202, accepted(task.id(), server.enqueue(task)));
            return;
        }
        CompletableFuture<TaskRecord> end = server.enqueueAndAwait(task);
        answerWhenEnded(ctx, server, task.id(), end, wait);
    }

    /** @return {@code {"task", "status": "running"|"queued", "href"}} */
    static ObjectNode accepted(String id, boolean started) {
        return Bodies.JSON.createObjectNode().put("task", id).put("status", started ? "running" : "queued")
                .put("href", "/api/tasks/" + id);
    }

    /** Answers with the task's report once it ends within {@code wait} seconds, else 202 with where it is. */
    static void answerWhenEnded(Context ctx, Server server, String id, CompletableFuture<TaskRecord> end, int wait)
            throws InterruptedException {
        try {
            end.get(wait, TimeUnit.SECONDS);
            Http.json(ctx, 200, server.store.find(id).orElseThrow().toJson());
        } catch (TimeoutException e) {
            server.workers.stopWaiting(id);
            ObjectNode answer = accepted(id, false);
            answer.put("status", server.store.summary(id).map(t -> t.status().jsonName()).orElse("queued"));
            Http.json(ctx, 202, answer);
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for task " + id, e.getCause());
        }
    }

    /** @throws ApiError 400 for a {@code wait} that is not a number of seconds up to {@value #MAX_WAIT_SECONDS} */
    static int waitSeconds(String wait) {
        if (wait == null || wait.isBlank()) {
            return 0;
        }
        try {
            int seconds = Integer.parseInt(wait.trim());
            if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiError.badRequest("wait must be a number of seconds from 0 to " + MAX_WAIT_SECONDS + ", not '" + wait + "'");
    }
}
