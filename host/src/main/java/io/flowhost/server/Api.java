package io.flowhost.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.jobs.InvalidJobException;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.JobLoader;
import io.flowhost.jobs.JobParameter;
import io.flowhost.jobs.JobParameters;
import io.flowhost.jobs.Problem;
import io.flowhost.jobs.Trigger;
import io.flowhost.plugins.ActionJson;
import io.flowhost.plugins.HostVersion;
import io.flowhost.plugins.RegisteredAction;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.helpers.Helper;
import io.flowhost.store.CancelOutcome;
import io.flowhost.store.JobVersion;
import io.flowhost.store.NewTask;
import io.flowhost.store.StepStatus;
import io.flowhost.store.StoredTask;
import io.flowhost.store.TaskEvent;
import io.flowhost.store.TaskIds;
import io.flowhost.store.TaskLines;
import io.flowhost.store.TaskQuery;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStatus;
import io.flowhost.store.TaskSummary;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The REST API under {@code /api} (the API token required) and {@code /health} (open): jobs, tasks,
 * actions, helpers, the playground's evaluation, and webhook tokens. Described by
 * {@code /api/openapi.json} and docs/api.md.
 */
final class Api {
    static final String OPENAPI = load("openapi.json");

    private final Server server;

    Api(Server server) {
        this.server = server;
    }

    void routes(RoutesConfig routes) {
        routes.get("/health", this::health);
        routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(OPENAPI));
        routes.get("/api/jobs", this::jobs);
        routes.post("/api/jobs/validate", this::validate);
        routes.get("/api/jobs/{id}", this::job);
        routes.post("/api/jobs/{id}/run", this::run);
        routes.get("/api/tasks", this::tasks);
        routes.get("/api/tasks/{id}", this::task);
        routes.get("/api/tasks/{id}/logs", this::logs);
        routes.post("/api/tasks/{id}/cancel", this::cancel);
        routes.post("/api/tasks/{id}/rerun", this::rerun);
        routes.get("/api/actions", this::actions);
        routes.get("/api/actions/{id}", this::action);
        routes.get("/api/helpers", this::helpers);
        routes.post("/api/eval", this::eval);
        routes.post("/api/hooks/{slug}/token", this::hookToken);
    }

    private static String load(String name) {
        try (InputStream in = Api.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object() {
        return Bodies.JSON.createObjectNode();
    }

    private void health(Context ctx) {
        Http.json(ctx, 200, object().put("status", "ok").put("version", HostVersion.hostVersion())
                .put("jobs", server.jobs.all().size()).put("running", server.workers.runningCount())
                .put("workers", server.workers.limit()));
    }

    // ---- jobs

    private void jobs(Context ctx) {
        ObjectNode answer = object();
        ArrayNode list = answer.putArray("jobs");
        server.jobs.all().stream().sorted(java.util.Comparator.comparing(l -> l.job().id()))
                .forEach(loaded -> list.add(summary(loaded)));
        ArrayNode broken = answer.putArray("notLoaded");
        server.jobs.broken().forEach(b -> {
            ObjectNode entry = broken.addObject().put("file", b.file().toString()).put("at", b.at().toString());
            ArrayNode problems = entry.putArray("problems");
            b.problems().forEach(problems::add);
        });
        Http.json(ctx, 200, answer);
    }

    private ObjectNode summary(JobFolder.Loaded loaded) {
        Job job = loaded.job();
        ObjectNode json = object().put("id", job.id()).put("label", job.label()).put("description", job.description())
                .put("file", loaded.file().toString()).put("version", loaded.version().hash())
                .put("loadedAt", loaded.loadedAt().toString()).put("maxConcurrency", job.maxConcurrency());
        ArrayNode parameters = json.putArray("parameters");
        for (JobParameter p : job.parameters()) {
            ObjectNode param = parameters.addObject().put("name", p.name()).put("type", p.type().jsonName())
                    .put("required", p.required()).put("description", p.description());
            param.set("default", p.defaultValue());
        }
        ArrayNode triggers = json.putArray("triggers");
        for (Trigger trigger : job.triggers()) {
            ObjectNode t = triggers.addObject().put("type", trigger.type());
            switch (trigger) {
                case Trigger.Schedule s -> t.put("schedule", s.expression()).put("timeZone", s.zone().getId());
                case Trigger.Webhook w -> t.put("slug", w.slug()).put("href", "/hooks/" + w.slug());
                case Trigger.Files f -> t.put("folder", f.folder().toString()).put("glob", f.glob());
                case Trigger.TaskEnded e -> t.put("job", e.job()).set("status", Bodies.JSON.valueToTree(e.statuses()));
            }
        }
        return json;
    }

    private JobFolder.Loaded loaded(String id) {
        return server.jobs.job(id).orElseThrow(() -> ApiError.notFound("no job '" + id + "' is loaded"));
    }

    private void job(Context ctx) {
        JobFolder.Loaded loaded = loaded(ctx.pathParam("id"));
        ObjectNode json = summary(loaded);
        json.put("text", loaded.version().text());
        Http.json(ctx, 200, json);
    }

    private void validate(Context ctx) {
        Bodies.requireJson(ctx.contentType());
        String text = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
        String name = fileName(ctx.queryParam("name"));
        ObjectNode answer = object();
        ArrayNode problems = answer.putArray("problems");
        try {
            JobLoader.load(server.jobs.dir().resolve(name), text, server.catalog, server.expressions);
        } catch (InvalidJobException e) {
            for (Problem p : e.problems()) {
                problems.addObject().put("line", p.line()).put("column", p.column()).put("message", p.message())
                        .put("pointer", p.pointer());
            }
        }
        answer.put("valid", problems.isEmpty());
        Http.json(ctx, 200, answer);
    }

    /** A plain file name in the jobs folder: no folders, nothing hidden, no way out of it. */
    private static String fileName(String given) {
        if (given == null || !given.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            return "posted.json";
        }
        return given;
    }

    private void run(Context ctx) throws InterruptedException {
        JobFolder.Loaded loaded = loaded(ctx.pathParam("id"));
        JsonNode body = optionalBody(ctx);
        ObjectNode params;
        try {
            JsonNode given = body.path("params");
            params = JobParameters.resolveJson(loaded.job(), given.isObject() ? (ObjectNode) given : object());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage().replaceFirst(" \\(give it with --param [^)]*\\)$", ""));
        }
        Message input;
        try {
            input = body.hasNonNull("message") ? Message.fromJson(body.get("message")) : Message.empty();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("'message' is not a message: " + e.getMessage());
        }
        if (!input.event().hasNonNull("type")) {
            input = input.withEvent(input.event().put("type", "manual"));
        }
        start(ctx, server.task(loaded, params, input));
    }

    /** Queues a task; answers 202 at once, or with its report when it ends within {@code ?wait}. */
    private void start(Context ctx, NewTask task) throws InterruptedException {
        int wait = Hooks.waitSeconds(ctx.queryParam("wait"));
        if (wait == 0) {
            Http.json(ctx, 202, Hooks.accepted(task.id(), server.enqueue(task)));
            return;
        }
        CompletableFuture<TaskRecord> end = server.enqueueAndAwait(task);
        Hooks.answerWhenEnded(ctx, server, task.id(), end, wait);
    }

    private static JsonNode optionalBody(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return Bodies.JSON.createObjectNode();
        }
        Bodies.requireJson(ctx.contentType());
        JsonNode body = Bodies.json(bytes);
        if (!body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        return body;
    }

    // ---- tasks

    private void tasks(Context ctx) {
        TaskQuery query;
        try {
            String limit = ctx.queryParam("limit");
            query = TaskQuery.newest(limit == null ? 50 : Integer.parseInt(limit)).after(ctx.queryParam("cursor"));
            if (ctx.queryParam("status") != null) {
                query = query.inStatus(TaskStatus.of(ctx.queryParam("status")));
            }
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("limit must be a number, not '" + ctx.queryParam("limit") + "'");
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        if (ctx.queryParam("job") != null) {
            query = query.ofJob(ctx.queryParam("job"));
        }
        TaskQuery.Page page;
        try {
            page = server.store.list(query);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        ObjectNode answer = object();
        ArrayNode list = answer.putArray("tasks");
        page.tasks().forEach(task -> list.add(summary(task)));
        answer.put("next", page.next());
        Http.json(ctx, 200, answer);
    }

    static ObjectNode summary(TaskSummary task) {
        return object().put("id", task.id()).put("job", task.jobId()).put("status", task.status().jsonName())
                .put("trigger", task.trigger()).put("queuedAt", time(task.queuedAt()))
                .put("startedAt", time(task.startedAt())).put("endedAt", time(task.endedAt())).put("error", task.error())
                .put("rerunOf", task.rerunOf());
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private StoredTask stored(String id) {
        return server.store.find(id).orElseThrow(() -> ApiError.notFound("no task '" + id + "'"));
    }

    private void task(Context ctx) {
        Http.json(ctx, 200, stored(ctx.pathParam("id")).toJson());
    }

    private void logs(Context ctx) {
        String id = ctx.pathParam("id");
        TaskSummary task = server.store.summary(id).orElseThrow(() -> ApiError.notFound("no task '" + id + "'"));
        long after;
        try {
            after = ctx.queryParam("after") == null ? 0 : Long.parseLong(ctx.queryParam("after"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("after must be an event number, not '" + ctx.queryParam("after") + "'");
        }
        List<TaskEvent> events = server.store.events(id, after);
        if ("text".equals(ctx.queryParam("format"))) {
            StringBuilder text = new StringBuilder();
            if (after == 0 && task.startedAt() != null) {
                text.append(TaskLines.started(task.id(), task.jobId())).append('\n');
            }
            int skipped = 0;
            for (TaskEvent event : events) {
                switch (event) {
                    case TaskEvent.Step s -> {
                        skipped += s.status() == StepStatus.SKIPPED ? 1 : 0;
                        TaskLines.step(s.status(), s.path(), s.action(), s.duration(), s.error())
                                .ifPresent(line -> text.append(line).append('\n'));
                    }
                    case TaskEvent.Log l -> TaskLines.log(l.line()).ifPresent(line -> text.append(line).append('\n'));
                }
            }
            if (task.status().ended()) {
                text.append(TaskLines.ended(task.id(), task.status(), task.duration(), task.error(), skipped)).append('\n');
            }
            ctx.contentType("text/plain; charset=utf-8").result(text.toString());
            return;
        }
        ObjectNode answer = summary(task);
        ArrayNode list = answer.putArray("events");
        for (TaskEvent event : events) {
            ObjectNode e = list.addObject().put("seq", event.seq());
            switch (event) {
                case TaskEvent.Step s -> e.put("kind", "step").put("path", s.path()).put("action", s.action())
                        .put("status", s.status().jsonName()).put("queuedAt", time(s.queuedAt()))
                        .put("startedAt", time(s.startedAt())).put("endedAt", time(s.endedAt())).put("error", s.error());
                case TaskEvent.Log l -> e.put("kind", "log").put("time", time(l.line().time()))
                        .put("level", l.line().level().jsonName()).put("step", l.line().step()).put("text", l.line().text());
            }
        }
        Http.json(ctx, 200, answer);
    }

    private void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        String reason = "cancelled through the API";
        boolean here = server.workers.cancel(id, reason);
        CancelOutcome outcome = here ? CancelOutcome.REQUESTED : server.store.cancel(id, reason);
        if (outcome == CancelOutcome.NOT_FOUND) {
            throw ApiError.notFound("no task '" + id + "'");
        }
        Http.json(ctx, outcome == CancelOutcome.ALREADY_ENDED ? 409 : 202, object().put("task", id)
                .put("outcome", outcome.name().toLowerCase(Locale.ROOT).replace('_', '-')));
    }

    private void rerun(Context ctx) throws InterruptedException {
        StoredTask original = stored(ctx.pathParam("id"));
        JsonNode body = optionalBody(ctx);
        Message input = original.inputMessage().orElseThrow(() -> new ApiError(409, "task " + original.summary().id()
                + " cannot run again: its first message was larger than the store keeps"));
        JobVersion version = original.job();
        ObjectNode params = original.params();
        if (body.path("latest").asBoolean(false)) {
            JobFolder.Loaded loaded = loaded(original.summary().jobId());
            version = loaded.version();
            try {
                params = JobParameters.resolveJson(loaded.job(), params);
            } catch (IllegalArgumentException e) {
                throw new ApiError(409, "the job as it is now does not take the task's parameters: " + e.getMessage());
            }
        }
        Instant now = Instant.now();
        start(ctx, new NewTask(TaskIds.next(now), original.summary().jobId(), version, original.summary().trigger(), params,
                input, original.summary().id(), now));
    }

    // ---- actions, helpers, evaluation

    private void actions(Context ctx) {
        ArrayNode list = Bodies.JSON.createArrayNode();
        server.catalog.all().forEach(action -> list.add(ActionJson.describe(action)));
        Http.json(ctx, 200, object().set("actions", list));
    }

    private void action(Context ctx) {
        String id = ctx.pathParam("id");
        RegisteredAction action = server.catalog.find(id).orElseThrow(() -> ApiError.notFound("no action '" + id
                + "'; known actions: " + server.catalog.ids()));
        Http.json(ctx, 200, ActionJson.describe(action));
    }

    private void helpers(Context ctx) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").toLowerCase(Locale.ROOT);
        ArrayNode list = Bodies.JSON.createArrayNode();
        for (Helper helper : JsExpressions.helpers()) {
            if (q.isEmpty() || helper.name().toLowerCase(Locale.ROOT).contains(q) || helper.category().equals(q)
                    || helper.doc().toLowerCase(Locale.ROOT).contains(q)) {
                list.addObject().put("name", helper.name()).put("category", helper.category())
                        .put("signature", helper.signature()).put("doc", helper.doc()).put("example", helper.example());
            }
        }
        Http.json(ctx, 200, object().set("helpers", list));
    }

    private void eval(Context ctx) throws InterruptedException {
        Bodies.requireJson(ctx.contentType());
        Http.json(ctx, 200, server.evaluations.evaluate(Bodies.json(ctx.bodyAsBytes())));
    }

    private void hookToken(Context ctx) {
        String slug = ctx.pathParam("slug");
        server.triggers.hook(slug).orElseThrow(() -> ApiError.notFound("no webhook '" + slug + "'"));
        String token = server.tokens.resetHookToken(slug);
        server.log.accept("webhook /hooks/" + slug + ": a new token was made through the API; the old one no longer works");
        Http.json(ctx, 200, object().put("slug", slug).put("token", token));
    }
}
