package io.flowhost.plugin.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.ActionContext;
import io.flowhost.api.Message;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.Parameters;
import io.flowhost.api.StepResult;
import io.flowhost.api.TaskLog;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real {@link ActionContext} for calling actions directly: parameters from JSON with the
 * descriptor's defaults filled in (as the host does), a message, a log that records its lines, and
 * a cancellation switch.
 */
final class TestContext implements ActionContext {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Parameters params;
    private final Message message;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private TestContext(Parameters params, Message message) {
        this.params = params;
        this.message = message;
    }

    /** A context for {@code action} with parameters written as JSON, e.g. {@code {"reason": "x"}}. */
    static TestContext of(Action action, String paramsJson) {
        return of(action, paramsJson, Message.empty());
    }

    static TestContext of(Action action, String paramsJson, Message message) {
        ObjectNode values;
        try {
            values = (ObjectNode) JSON.readTree(paramsJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        for (ParamSpec spec : action.descriptor().params()) {
            JsonNode given = values.get(spec.name());
            if ((given == null || given.isNull()) && spec.defaultValue() != null) {
                values.set(spec.name(), spec.defaultValue());
            }
            if (spec.required() && !values.has(spec.name())) {
                throw new IllegalArgumentException("test forgot required parameter '" + spec.name() + "'");
            }
        }
        return new TestContext(Parameters.of(values), message);
    }

    /** Runs {@code action} with this context. */
    StepResult run(Action action) throws Exception {
        return action.run(this);
    }

    /** Cancels the step, as the host does on a timeout. */
    void cancel() {
        cancelled.set(true);
    }

    /** @return the log lines written so far, each prefixed with its level, e.g. {@code warn: text} */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public Parameters params() {
        return params;
    }

    @Override
    public Message message() {
        return message;
    }

    @Override
    public TaskLog log() {
        return new TaskLog() {
            @Override
            public void info(String text) {
                lines.add("info: " + text);
            }

            @Override
            public void warn(String text) {
                lines.add("warn: " + text);
            }

            @Override
            public void error(String text) {
                lines.add("error: " + text);
            }
        };
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public void checkCancelled() {
        if (isCancelled()) {
            throw new ActionCancelledException(stepPath());
        }
    }

    @Override
    public void progress(double fraction, String note) {}

    @Override
    public Path scratchDir() {
        try {
            return Files.createTempDirectory("core-test");
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String stepPath() {
        return "each[0]/step";
    }

    @Override
    public String taskId() {
        return "task-1";
    }

    @Override
    public String jobId() {
        return "job-1";
    }
}
