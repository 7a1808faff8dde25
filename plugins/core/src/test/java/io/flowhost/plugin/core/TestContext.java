package io.flowhost.plugin.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.ActionContext;
import io.flowhost.api.Message;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.Parameters;
import io.flowhost.api.TaskLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real ActionContext for calling actions directly: parameters as JSON, a log that keeps its lines. */
final class TestContext implements ActionContext {
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Parameters params;
    private final Message message;
    volatile boolean cancelled;

    /** Parameters as the host hands them over: as given, defaults of the action's descriptor filled in. */
    TestContext(Action action, String paramsJson, Message message) {
        try {
            ObjectNode values = (ObjectNode) JSON.readTree(paramsJson);
            for (ParamSpec spec : action.descriptor().params()) {
                if (!values.has(spec.name()) && spec.defaultValue() != null) {
                    values.set(spec.name(), spec.defaultValue());
                }
            }
            this.params = Parameters.of(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.message = message;
    }

    TestContext(Action action, String paramsJson) {
        this(action, paramsJson, Message.empty());
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
                lines.add("info " + text);
            }

            @Override
            public void warn(String text) {
                lines.add("warn " + text);
            }

            @Override
            public void error(String text) {
                lines.add("error " + text);
            }
        };
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void checkCancelled() {
        if (cancelled) {
            throw new ActionCancelledException("test");
        }
    }

    @Override
    public void progress(double fraction, String note) {}

    @Override
    public Path scratchDir() {
        try {
            return Files.createTempDirectory("core-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String stepPath() {
        return "test";
    }

    @Override
    public String taskId() {
        return "task";
    }

    @Override
    public String jobId() {
        return "job";
    }
}
