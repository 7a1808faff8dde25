package io.flowhost.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Message;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.Scope;
import io.flowhost.script.ScriptContexts;
import io.flowhost.script.TemplateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /api/eval}: the playground's evaluation over HTTP. A template or a script body is
 * evaluated against a message and parameters exactly as {@code flowhost eval} does it: the same
 * sandbox, helpers and limits, errors with their line and column. Each request has its own sandbox
 * contexts, closed when it is answered. Evaluations run on a few threads of their own with the
 * stacks job steps have; when all are busy and a few wait, a request is answered 503.
 */
final class Evaluations implements AutoCloseable {
    static final int THREADS = 4;
    private static final long STACK_BYTES = 16L * 1024 * 1024;
    private static final AtomicInteger NUMBER = new AtomicInteger();

    private final JsExpressions expressions;
    private final ThreadPoolExecutor threads;

    Evaluations(JsExpressions expressions) {
        this.expressions = expressions;
        this.threads = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4 * THREADS),
                runnable -> {
                    Thread thread = new Thread(null, runnable, "flowhost-eval-" + NUMBER.incrementAndGet(), STACK_BYTES);
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
    }

    /**
     * @param body {@code {"template": TEXT} or {"script": BODY}, "message": {...}, "params": {...}, "vars": {...}}}
     * @return {@code {"value", "type", "logs"}}
     * @throws ApiError 400 for a request that is not one, 422 for an evaluation that fails (with {@code line}
     *                  and {@code column}), 503 when every evaluation thread is busy
     */
    ObjectNode evaluate(JsonNode body) throws InterruptedException {
        if (!body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object: {\"template\": ...} or {\"script\": ...}");
        }
        boolean template = body.has("template");
        if (template == body.has("script")) {
            throw ApiError.badRequest("give one of 'template' (a template, as in a step's parameters) and 'script' "
                    + "(a script.js body)");
        }
        JsonNode code = body.get(template ? "template" : "script");
        if (!code.isTextual()) {
            throw ApiError.badRequest("'" + (template ? "template" : "script") + "' must be a string");
        }
        Message message;
        try {
            message = body.hasNonNull("message") ? Message.fromJson(body.get("message")) : Message.empty();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("'message' is not a message: " + e.getMessage());
        }
        JsonNode vars = body.path("vars");
        if (vars.isObject()) {
            for (Map.Entry<String, JsonNode> var : vars.properties()) {
                message = message.withVar(var.getKey(), var.getValue());
            }
        }
        JsonNode params = body.path("params");
        if (!params.isMissingNode() && !params.isNull() && !params.isObject()) {
            throw ApiError.badRequest("'params' must be an object");
        }
        Message input = message;
        Limits limits = expressions.defaults();
        Future<ObjectNode> result;
        try {
            result = threads.submit(() -> run(template, code.textValue(), input,
                    params.isObject() ? (ObjectNode) params : null, limits));
        } catch (RejectedExecutionException e) {
            throw new ApiError(503, "every evaluation thread is busy; try again shortly");
        }
        try {
            // the sandbox stops the evaluation at its time limit; this only guards against the unforeseen
            return result.get(limits.timeout().toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new ApiError(503, "the evaluation did not end in time");
        }
    }

    private ObjectNode run(boolean template, String code, Message message, ObjectNode params, Limits limits) {
        List<String> logs = new ArrayList<>();
        JsonNode value;
        try (ScriptContexts contexts = ScriptContexts.open()) {
            Scope scope = new Scope(message, params, new Scope.Run("api", "eval", Instant.now(), "eval"), null, limits)
                    .withContexts(contexts);
            if (template) {
                value = expressions.render(TextNode.valueOf(code), scope, limits, () -> false);
            } else {
                JsExpressions.ScriptResult result = expressions.runScript(code, scope, limits,
                        (level, text) -> logs.add(level + ": " + text), () -> false);
                value = result.value() == null ? JsonNodeFactory.instance.nullNode() : result.value();
            }
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("value", value);
        answer.put("type", JsExpressions.typeName(value));
        ArrayNode lines = answer.putArray("logs");
        logs.forEach(lines::add);
        return answer;
    }

    private static ApiError failed(Throwable cause) {
        if (cause instanceof TemplateException located) {
            ObjectNode where = JsonNodeFactory.instance.objectNode().put("line", located.line()).put("column", located.column());
            return new ApiError(422, located.getMessage(), where);
        }
        if (cause instanceof ApiError error) {
            return error;
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ApiError(422, message, JsonNodeFactory.instance.objectNode().putNull("line").putNull("column"));
    }


    @Override
    public void close() {
        threads.shutdownNow();
    }
}
