package io.flowhost.plugins;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.ActionContext;
import io.flowhost.api.Message;
import io.flowhost.api.Parameters;
import io.flowhost.api.TaskLog;
import java.nio.file.Path;

/** The least an action needs to run in these tests: given parameters, an empty message, a silent log. */
final class RunContext implements ActionContext {
    private final Path scratch;
    private final Parameters params;

    RunContext(Path scratch) {
        this(scratch, JsonNodeFactory.instance.objectNode());
    }

    /** @param params the parameters exactly as the action gets them (no defaults are filled in) */
    RunContext(Path scratch, ObjectNode params) {
        this.scratch = scratch;
        this.params = Parameters.of(params);
    }

    @Override
    public Parameters params() {
        return params;
    }

    @Override
    public Message message() {
        return Message.empty();
    }

    @Override
    public TaskLog log() {
        return new TaskLog() {
            @Override
            public void info(String text) {}

            @Override
            public void warn(String text) {}

            @Override
            public void error(String text) {}
        };
    }

    @Override
    public boolean isCancelled() {
        return false;
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
        return scratch;
    }

    @Override
    public String stepPath() {
        return "test";
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
