package io.flowhost.run;

import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.ActionContext;
import io.flowhost.api.Message;
import io.flowhost.api.HostSettings;
import io.flowhost.api.JobLauncher;
import io.flowhost.api.Parameters;
import io.flowhost.api.TaskLog;
import io.flowhost.store.LogLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@link ActionContext} of one step execution. */
final class StepContext implements ActionContext {
    private final Execution execution;
    private final String path;
    private final int number;
    private final Message message;
    private volatile Parameters parameters;
    private volatile HostSettings settings = HostSettings.empty();
    private volatile boolean cancelled;
    private Path scratch;

    StepContext(Execution execution, String path, int number, Message message) {
        this.execution = execution;
        this.path = path;
        this.number = number;
        this.message = message;
    }

    void parameters(Parameters parameters) {
        this.parameters = parameters;
    }

    void settings(HostSettings settings) {
        this.settings = settings;
    }

    @Override
    public HostSettings settings() {
        return settings;
    }

    @Override
    public JobLauncher jobs() {
        return execution.jobs().forStep(this);
    }

    @Override
    public void attach(String name, com.fasterxml.jackson.databind.JsonNode json) {
        try {
            execution.attach(path, name, java.util.Objects.requireNonNull(json, "json"), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void attach(String name, Path file) throws IOException {
        execution.attach(path, name, null, java.util.Objects.requireNonNull(file, "file"));
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public Parameters params() {
        return parameters;
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
                execution.log(LogLine.Level.INFO, path, text);
            }

            @Override
            public void warn(String text) {
                execution.log(LogLine.Level.WARN, path, text);
            }

            @Override
            public void error(String text) {
                execution.log(LogLine.Level.ERROR, path, text);
            }
        };
    }

    @Override
    public boolean isCancelled() {
        // a task that is stopping, for whatever reason (a failure elsewhere too), cancels all its steps
        return cancelled || execution.aborted() != null;
    }

    @Override
    public void checkCancelled() {
        if (isCancelled()) {
            throw new ActionCancelledException(path);
        }
    }

    @Override
    public void progress(double fraction, String note) {
        execution.progress(path, Math.max(0, Math.min(1, fraction)), note == null ? "" : note);
    }

    @Override
    public synchronized Path scratchDir() {
        if (scratch == null) {
            Path dir = execution.scratchRoot().resolve(number + "-" + path.replaceAll("[^A-Za-z0-9._-]", "_"));
            try {
                scratch = Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create scratch directory " + dir, e);
            }
        }
        return scratch;
    }

    @Override
    public String stepPath() {
        return path;
    }

    @Override
    public String taskId() {
        return execution.taskId();
    }

    @Override
    public String jobId() {
        return execution.jobId();
    }
}
