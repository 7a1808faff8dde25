package io.flowhost.playground;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.cli.Inputs;
import io.flowhost.cli.UserError;
import io.flowhost.jobs.JsonErrors;
import io.flowhost.jobs.Step;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.Scope;
import io.flowhost.script.TemplateException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One playground session: a sample message, parameters and variables, a mode, and the previous
 * result. {@link #eval} evaluates exactly as a job step would (same scope, helpers, sandbox and
 * limits), with {@code last} bound to the previous result; {@link #command} runs {@code :commands}.
 * The REPL and {@code flowhost eval} are thin shells around it. Not thread-safe, except
 * {@link #cancel()} and {@link #preview}, which works on a {@link #snapshot()}.
 *
 * <p>Nothing one evaluation does inside the sandbox is seen by the next (each runs in a fresh or
 * locked-down context); what carries over is only what the session holds here: the message
 * (with the variables and nodes a script set), the parameters and {@code last}.
 */
public final class Session {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SCOPE_NAMES =
            List.of("message", "node", "nodes", "item", "items", "vars", "last", "params", "event", "run");
    /** A live preview must come back while the person is still looking at what they typed. */
    static final Duration PREVIEW_TIMEOUT = Duration.ofSeconds(1);

    /** What input is. */
    public enum Mode { TEMPLATE, JS }

    /**
     * An evaluation's outcome.
     *
     * @param value the value as JSON
     * @param type  {@code string}, {@code number}, {@code boolean}, {@code object}, {@code array} or {@code null}
     * @param logs  what a script wrote to its console, as {@code level: text}
     */
    public record Result(JsonNode value, String type, List<String> logs) {
        /** @return the value as a pipe gets it: text as it is, anything else as compact JSON */
        public String display() {
            return Display.forPipes(value);
        }
    }

    /**
     * A {@code :command}'s outcome.
     *
     * @param output what to print, possibly empty
     * @param quit   whether the session should end
     * @param input  text to put on the next input line for the person to edit and run, or {@code null}
     */
    public record Reply(String output, boolean quit, String input) {
        static Reply say(String output) {
            return new Reply(output, false, null);
        }
    }

    /** What an evaluation sees, taken on the session's thread for a {@link #preview} on another. */
    record Snapshot(Message message, ObjectNode params, JsonNode last, Mode mode, Scope.Run run, Limits limits) {}

    /** The last input that evaluated, in the mode it was evaluated in, for {@code :save}. */
    record Input(String text, Mode mode) {}

    private final JsExpressions expressions;
    private Limits limits;
    private Message sample;
    private String sampleName = "the empty message";
    private Message message;
    private final Map<String, String> paramTexts = new LinkedHashMap<>();
    private ObjectNode params = JsonNodeFactory.instance.objectNode();
    private JobTrial job;
    private String step = "playground";
    private Mode mode = Mode.TEMPLATE;
    private JsonNode last;
    private Input lastInput;
    private volatile boolean cancelled;
    private volatile boolean busy;

    /**
     * @param expressions the sandbox
     * @param message     the sample message templates see
     */
    public Session(JsExpressions expressions, Message message) {
        this.expressions = Objects.requireNonNull(expressions, "expressions");
        this.limits = expressions.defaults();
        this.message = Objects.requireNonNull(message, "message");
        this.sample = message;
    }

    /** @param name where the sample came from, for {@code :reset} and the banner */
    void sampleName(String name) {
        this.sampleName = Objects.requireNonNull(name, "name");
    }

    /** @return the current mode */
    public Mode mode() {
        return mode;
    }

    /** @param mode how input is read from now on */
    public void mode(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** @return the message templates see */
    public Message message() {
        return message;
    }

    /** @return the parameters templates see as {@code params} */
    public ObjectNode params() {
        return params.deepCopy();
    }

    /** @return the previous result, or {@code null} */
    public JsonNode last() {
        return last;
    }

    Input lastInput() {
        return lastInput;
    }

    JobTrial job() {
        return job;
    }

    /**
     * Sets a parameter, as {@code --param NAME=VALUE} does: converted to its declared type when a
     * job is loaded, else text.
     *
     * @throws UserError when the job has no such parameter or the value is not of its type
     */
    public void param(String name, String value) {
        Map<String, String> texts = new LinkedHashMap<>(paramTexts);
        texts.put(name, value);
        params = job == null ? textParams(texts) : job.params(texts);
        paramTexts.put(name, value);
    }

    private static ObjectNode textParams(Map<String, String> texts) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        texts.forEach(values::put);
        return values;
    }

    /**
     * Tries a job's steps: its parameters become {@code params} (typed, with defaults), its limits
     * the session's, and {@code run.jobId} its id.
     */
    void job(JobTrial trial) {
        ObjectNode typed = trial.params(paramTexts);
        this.job = trial;
        this.params = typed;
        this.limits = expressions.defaults().with(trial.job().limits());
    }

    /** @return the step ids of the loaded job, empty without one */
    List<String> stepIds() {
        return job == null ? List.of() : job.stepIds();
    }

    /**
     * Makes a step the one being tried: its limits apply and {@code run.step} names it.
     *
     * @return what the step evaluates
     * @throws UserError without a job, or for a step the job does not have
     */
    List<JobTrial.Code> step(String id) {
        if (job == null) {
            throw new UserError("no job loaded; start with --job FILE to try its steps");
        }
        Step found = job.step(id);
        List<JobTrial.Code> code = job.code(found);
        this.step = found.id();
        this.limits = job.limits(expressions.defaults(), found);
        return code;
    }

    /** Sets a variable of the message from JSON text. */
    public void var(String name, String json) {
        try {
            message = message.withVar(name, JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new UserError("--var " + name + ": invalid JSON: " + JsonErrors.reason(e));
        }
    }

    /** Adds a file as a node of the message. */
    public void node(Path path) {
        List<Node> nodes = new ArrayList<>(message.nodes());
        nodes.add(Inputs.node(path));
        message = message.withNodes(nodes);
    }

    /** Replaces the message and the sample {@code :reset} returns to, as {@code :load} does. */
    void load(Message loaded, String name) {
        this.sample = loaded;
        this.message = loaded;
        this.sampleName = name;
    }

    /**
     * Replaces the message with edited JSON text ({@code :edit}); the sample stays.
     *
     * @throws UserError for invalid JSON or a message of the wrong shape, leaving the message as it was
     */
    void edited(String json, String name) {
        JsonNode tree = Inputs.readJson(name, () -> json);
        try {
            message = Message.fromJson(tree);
        } catch (IllegalArgumentException e) {
            throw new UserError(name + ": not a message: " + e.getMessage());
        }
    }

    /** Back to the sample as it was loaded: the variables and nodes set since, and {@code last}, are gone. */
    String reset() {
        message = sample;
        last = null;
        return "back to " + sampleName + ": " + summary();
    }

    /** @return e.g. {@code 3 nodes, 1 items, 1 vars} */
    String summary() {
        return message.nodes().size() + " nodes, " + message.items().size() + " items, " + message.vars().size() + " vars";
    }

    /** Stops the evaluation running now, if any (Ctrl+C). Safe from any thread. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Evaluates input in the current mode.
     *
     * @param input a template, or a script body in {@code js} mode
     * @return the result, which becomes {@code last}
     * @throws TemplateException for a syntax error, a failure or an exceeded limit
     * @throws RuntimeException  for any other failure of the evaluation: a failure, never the end of the session
     */
    public Result eval(String input) {
        return eval(input, mode);
    }

    /** {@link #eval(String)} in the given mode. */
    public Result eval(String input, Mode as) {
        busy = true;
        cancelled = false;
        try {
            Evaluated evaluated = evaluate(input, as, snapshot(), limits, () -> cancelled);
            message = evaluated.message();
            last = evaluated.result().value();
            lastInput = new Input(input, as);
            return evaluated.result();
        } finally {
            busy = false;
        }
    }

    /** @return whether an evaluation is running now */
    boolean busy() {
        return busy;
    }

    /** @return what an evaluation would see now */
    Snapshot snapshot() {
        return new Snapshot(message, params, last, mode, new Scope.Run(job == null ? "playground" : job.job().id(),
                "playground", Instant.now(), step), limits);
    }

    /**
     * Evaluates what is being typed, for the live result: nothing is kept (no {@code last}, no
     * variables), and it stops early, after {@link #PREVIEW_TIMEOUT} or when {@code stale} says so.
     * Safe from any thread.
     */
    Result preview(Snapshot snapshot, String input, BooleanSupplier stale) {
        Limits quick = snapshot.limits().timeout().compareTo(PREVIEW_TIMEOUT) > 0
                ? snapshot.limits().withTimeout(PREVIEW_TIMEOUT) : snapshot.limits();
        return evaluate(input, snapshot.mode(), snapshot, quick, stale).result();
    }

    private record Evaluated(Result result, Message message) {}

    private Evaluated evaluate(String input, Mode as, Snapshot from, Limits with, BooleanSupplier stop) {
        Scope scope = new Scope(from.message(), from.params(), from.run(), from.last(), with);
        List<String> logs = new ArrayList<>();
        Message after = from.message();
        JsonNode value;
        if (as == Mode.JS) {
            JsExpressions.ScriptResult result = expressions.runScript(input, scope, with,
                    (level, text) -> logs.add(level + ": " + text), stop);
            for (var entry : result.vars().entrySet()) {
                after = after.withVar(entry.getKey(), entry.getValue());
            }
            if (result.nodes() != null) {
                after = after.withNodes(result.nodes());
            }
            if (result.items() != null) {
                after = after.withItems(result.items());
            }
            value = result.value() == null ? JsonNodeFactory.instance.nullNode() : result.value();
        } else {
            value = expressions.render(TextNode.valueOf(input), scope, with, stop);
        }
        return new Evaluated(new Result(value, JsExpressions.typeName(value), List.copyOf(logs)), after);
    }


    /**
     * Runs a {@code :command}.
     *
     * @param line the whole line, starting with {@code :}
     * @return what to print and whether to quit
     * @throws UserError for a command that cannot be done, with the reason
     */
    public Reply command(String line) {
        return new Commands(this).run(line);
    }

    /** @return the scope as JSON, as completion reads the fields of the sample message */
    JsonNode scopeJson() {
        ObjectNode scope = JsonNodeFactory.instance.objectNode();
        ObjectNode json = message.toJson();
        scope.set("message", json);
        scope.set("nodes", json.get("nodes"));
        scope.set("node", json.get("nodes").path(0));
        scope.set("items", json.get("items"));
        scope.set("item", json.get("items").path(0));
        scope.set("vars", json.get("vars"));
        scope.set("event", json.get("event"));
        scope.set("params", params);
        ArrayNode outputs = (ArrayNode) json.get("outputs");
        scope.set("last", last != null ? last : outputs.path(outputs.size() - 1));
        scope.putObject("run").put("jobId", "").put("taskId", "").put("startedAt", "").put("step", "");
        return scope;
    }

    /** {@code ~} and {@code ~/...} as the home folder, as a shell would. */
    static Path expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }
}
