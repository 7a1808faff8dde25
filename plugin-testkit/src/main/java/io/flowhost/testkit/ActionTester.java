package io.flowhost.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.ActionContext;
import io.flowhost.api.HostSettings;
import io.flowhost.api.JobLauncher;
import io.flowhost.api.Message;
import io.flowhost.api.Parameters;
import io.flowhost.api.StepResult;
import io.flowhost.api.TaskLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Runs one action in a test, without a host: its parameters are checked against its descriptor
 * exactly as the host checks them ({@link io.flowhost.api.ActionDescriptor#check}: unknown names,
 * defaults, required ones, types and allowed values), it gets a message, host settings and a
 * scratch folder, and what it returns comes back with the lines it logged.
 *
 * <pre>{@code
 * ActionRun run = ActionTester.of(new HelloAction()).run("{\"name\": \"Ada\"}");
 * assertThat(run.result().string()).isEqualTo("Hello Ada");
 * assertThat(run.log()).containsExactly("info: Hello Ada");
 * }</pre>
 *
 * <p>Parameters are given as they are after the host has rendered their templates: a test of an
 * action does not evaluate {@code {{ }}}. A tester is immutable: each {@code with…} method returns a
 * new one, so a test class may keep a configured tester in a field. The action runs on the calling
 * thread; what it throws is thrown by {@link #run}, as the host would report it as the step's error.
 */
public final class ActionTester {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Action action;
    private final Message message;
    private final HostSettings settings;
    private final Path scratchDir;
    private final String stepPath;
    private final BooleanSupplier cancelled;
    private final JobLauncher jobs;

    private ActionTester(Action action, Message message, HostSettings settings, Path scratchDir, String stepPath,
            BooleanSupplier cancelled, JobLauncher jobs) {
        this.jobs = jobs;
        this.action = action;
        this.message = message;
        this.settings = settings;
        this.scratchDir = scratchDir;
        this.stepPath = stepPath;
        this.cancelled = cancelled;
    }

    /**
     * @param action the action to run
     * @return a tester with an empty message, empty host settings, a fresh temporary scratch folder
     *     per run, and the step path {@code test}
     */
    public static ActionTester of(Action action) {
        return new ActionTester(Objects.requireNonNull(action, "action"), Message.empty(), HostSettings.empty(), null, "test",
                () -> false, null);
    }

    /** @return this tester, giving the action {@code message} as its input */
    public ActionTester withMessage(Message message) {
        return new ActionTester(action, Objects.requireNonNull(message, "message"), settings, scratchDir, stepPath, cancelled, jobs);
    }

    /**
     * @param settingsJson the plugin's section of the host configuration, as JSON text, e.g.
     *                     {@code {"roots": ["/data"]}}
     * @return this tester, giving the action these settings
     */
    public ActionTester withSettings(String settingsJson) {
        return withSettings(HostSettings.of(object(settingsJson, "settings")));
    }

    /** @return this tester, giving the action these settings */
    public ActionTester withSettings(HostSettings settings) {
        return new ActionTester(action, message, Objects.requireNonNull(settings, "settings"), scratchDir, stepPath, cancelled, jobs);
    }

    /** @return this tester, with {@code dir} as the action's scratch folder (created if missing) */
    public ActionTester withScratchDir(Path dir) {
        return new ActionTester(action, message, settings, Objects.requireNonNull(dir, "dir"), stepPath, cancelled, jobs);
    }

    /** @return this tester, with the step path the action sees, e.g. {@code each[2]/upload} */
    public ActionTester withStepPath(String stepPath) {
        return new ActionTester(action, message, settings, scratchDir, Objects.requireNonNull(stepPath, "stepPath"),
                cancelled, jobs);
    }

    /**
     * @param cancelled asked by the action's {@link ActionContext#isCancelled()}: once it answers
     *                  true the step counts as cancelled, as when the host cancels it on a timeout
     * @return this tester, with that cancellation switch
     */
    public ActionTester withCancellation(BooleanSupplier cancelled) {
        return new ActionTester(action, message, settings, scratchDir, stepPath,
                Objects.requireNonNull(cancelled, "cancelled"), jobs);
    }

    /**
     * @param jobs what the action's {@link ActionContext#jobs()} gives, e.g. a stub that records what
     *             it is asked to start; without one, {@code jobs()} throws as outside a task
     * @return this tester, with that launcher
     */
    public ActionTester withJobs(JobLauncher jobs) {
        return new ActionTester(action, message, settings, scratchDir, stepPath, cancelled,
                Objects.requireNonNull(jobs, "jobs"));
    }

    /**
     * Checks the parameters and runs the action once.
     *
     * @param paramsJson the step's parameters as JSON text, e.g. {@code {"name": "Ada"}}
     * @return what the action returned, and what it logged
     * @throws IllegalArgumentException with the host's message when a parameter is unknown,
     *                                  missing or of the wrong type, e.g.
     *                                  {@code parameter 'limit' must be an integer, not "abc"}
     * @throws Exception                whatever the action throws
     */
    public ActionRun run(String paramsJson) throws Exception {
        return run(object(paramsJson, "parameters"));
    }

    /** As {@link #run(String)}, with the parameters as a JSON object. */
    public ActionRun run(ObjectNode params) throws Exception {
        Parameters checked = action.descriptor().check(params);
        Context context = new Context(checked);
        StepResult result = action.run(context);
        if (result == null) {
            throw new IllegalStateException("action '" + action.descriptor().id() + "' returned no result");
        }
        return new ActionRun(result, message, List.copyOf(context.lines), context.artifacts);
    }

    private static ObjectNode object(String json, String what) {
        JsonNode tree;
        try {
            tree = JSON.readTree(Objects.requireNonNull(json, what));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " are not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException(what + " must be a JSON object, not " + tree);
        }
        return object;
    }

    /** The context of one run. */
    private final class Context implements ActionContext {
        private final Parameters params;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final AtomicBoolean cancelledOnce = new AtomicBoolean();
        private final java.util.Map<String, JsonNode> artifacts = new java.util.concurrent.ConcurrentSkipListMap<>();
        private Path scratch;

        Context(Parameters params) {
            this.params = params;
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
            if (cancelled.getAsBoolean()) {
                cancelledOnce.set(true);
            }
            return cancelledOnce.get();
        }

        @Override
        public void checkCancelled() {
            if (isCancelled()) {
                throw new ActionCancelledException(stepPath);
            }
        }

        @Override
        public void progress(double fraction, String note) {}

        @Override
        public synchronized Path scratchDir() {
            if (scratch == null) {
                try {
                    scratch = scratchDir != null ? Files.createDirectories(scratchDir)
                            : Files.createTempDirectory("flowhost-test-scratch");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return scratch;
        }

        @Override
        public String stepPath() {
            return stepPath;
        }

        @Override
        public String taskId() {
            return "test-task";
        }

        @Override
        public String jobId() {
            return "test-job";
        }

        @Override
        public HostSettings settings() {
            return settings;
        }

        @Override
        public void attach(String name, JsonNode json) {
            if (artifacts.putIfAbsent(name, json.deepCopy()) != null) {
                throw new IllegalArgumentException("the task has an artifact named '" + name + "' already");
            }
        }

        @Override
        public void attach(String name, Path file) throws IOException {
            var record = JSON.createObjectNode().put("file", file.toString()).put("size", Files.size(file));
            if (artifacts.putIfAbsent(name, record) != null) {
                throw new IllegalArgumentException("the task has an artifact named '" + name + "' already");
            }
        }

        @Override
        public JobLauncher jobs() {
            return jobs != null ? jobs : ActionContext.super.jobs();
        }
    }
}
