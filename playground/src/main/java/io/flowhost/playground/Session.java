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
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.Scope;
import io.flowhost.script.TemplateException;
import io.flowhost.script.helpers.Helper;
import io.flowhost.script.helpers.HelperLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One playground session: a sample message, parameters and variables, a mode, and the previous
 * result. {@link #eval} evaluates exactly as a job step would (same scope, helpers, sandbox and
 * limits), with {@code last} bound to the previous result; {@link #command} runs {@code :commands}.
 * The REPL and {@code flowhost eval} are thin shells around it. Not thread-safe, except
 * {@link #cancel()}.
 */
public final class Session {
    static final ObjectMapper JSON = new ObjectMapper();

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
        /** @return the value as the playground prints it: text as it is, anything else as JSON */
        public String display() {
            return value.isTextual() ? value.textValue() : value.toString();
        }
    }

    /**
     * A {@code :command}'s outcome.
     *
     * @param output what to print, possibly empty
     * @param quit   whether the session should end
     */
    public record Reply(String output, boolean quit) {
        static Reply say(String output) {
            return new Reply(output, false);
        }
    }

    private final JsExpressions expressions;
    private final Limits limits;
    private Message message;
    private ObjectNode params = JsonNodeFactory.instance.objectNode();
    private Mode mode = Mode.TEMPLATE;
    private JsonNode last;
    private String lastInput;
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

    /** Sets a parameter, as {@code --param NAME=VALUE} does: the value is text. */
    public void param(String name, String value) {
        params.put(name, value);
    }

    /** Sets a variable of the message from JSON text. */
    public void var(String name, String json) {
        try {
            message = message.withVar(name, JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new UserError("--var " + name + ": invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** Adds a file as a node of the message. */
    public void node(Path path) {
        List<Node> nodes = new ArrayList<>(message.nodes());
        nodes.add(Inputs.node(path));
        message = message.withNodes(nodes);
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
     */
    public Result eval(String input) {
        return eval(input, mode);
    }

    /** {@link #eval(String)} in the given mode. */
    public Result eval(String input, Mode as) {
        busy = true;
        try {
            return evaluate(input, as);
        } finally {
            busy = false;
        }
    }

    /** @return whether an evaluation is running now */
    boolean busy() {
        return busy;
    }

    private Result evaluate(String input, Mode as) {
        cancelled = false;
        BooleanSupplier stop = () -> cancelled;
        Scope scope = new Scope(message, params, new Scope.Run("playground", "playground", Instant.now(), "playground"), last, limits);
        JsonNode value;
        List<String> logs = new ArrayList<>();
        if (as == Mode.JS) {
            JsExpressions.ScriptResult result = expressions.runScript(input, scope, limits,
                    (level, text) -> logs.add(level + ": " + text), stop);
            for (var entry : result.vars().entrySet()) {
                message = message.withVar(entry.getKey(), entry.getValue());
            }
            if (result.nodes() != null) {
                message = message.withNodes(result.nodes());
            }
            if (result.items() != null) {
                message = message.withItems(result.items());
            }
            value = result.value() == null ? JsonNodeFactory.instance.nullNode() : result.value();
        } else {
            value = expressions.render(TextNode.valueOf(input), scope, limits, stop);
        }
        last = value;
        lastInput = input;
        return new Result(value, type(value), List.copyOf(logs));
    }

    static String type(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            default -> "null";
        };
    }

    /**
     * Runs a {@code :command}.
     *
     * @param line the whole line, starting with {@code :}
     * @return what to print and whether to quit
     * @throws UserError for a command that cannot be done, with the reason
     */
    public Reply command(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        String name = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : trimmed.substring(space + 1).strip();
        switch (name) {
            case ":help", ":h", ":?" -> {
                return Reply.say(HELP);
            }
            case ":quit", ":q", ":exit" -> {
                return new Reply("", true);
            }
            case ":load" -> {
                require(argument, ":load FILE");
                message = Inputs.message(argument, List.of(), InputStream.nullInputStream());
                return Reply.say("loaded " + argument + ": " + message.nodes().size() + " nodes, " + message.items().size()
                        + " items, " + message.vars().size() + " vars");
            }
            case ":node" -> {
                require(argument, ":node PATH");
                node(Path.of(argument));
                return Reply.say("node " + message.nodes().get(message.nodes().size() - 1).name() + " added");
            }
            case ":param" -> {
                int equals = argument.indexOf('=');
                if (equals <= 0) {
                    throw new UserError("usage: :param NAME=VALUE");
                }
                param(argument.substring(0, equals), argument.substring(equals + 1));
                return Reply.say("params." + argument.substring(0, equals) + " set");
            }
            case ":var" -> {
                int equals = argument.indexOf('=');
                if (equals <= 0) {
                    throw new UserError("usage: :var NAME=JSON");
                }
                var(argument.substring(0, equals), argument.substring(equals + 1));
                return Reply.say("vars." + argument.substring(0, equals) + " set");
            }
            case ":mode" -> {
                if (argument.isEmpty()) {
                    return Reply.say("mode " + mode.name().toLowerCase(Locale.ROOT));
                }
                mode = switch (argument.toLowerCase(Locale.ROOT)) {
                    case "template", "t" -> Mode.TEMPLATE;
                    case "js", "script" -> Mode.JS;
                    default -> throw new UserError("usage: :mode template|js");
                };
                return Reply.say("mode " + mode.name().toLowerCase(Locale.ROOT));
            }
            case ":show" -> {
                return Reply.say(pretty(message.toJson()) + (params.isEmpty() ? "" : "\nparams: " + params));
            }
            case ":doc", ":docs" -> {
                return Reply.say(docs(argument));
            }
            case ":save" -> {
                require(argument, ":save FILE");
                return Reply.say(save(Path.of(argument)));
            }
            default -> throw new UserError("unknown command " + name + "; try :help");
        }
    }

    private static void require(String argument, String usage) {
        if (argument.isEmpty()) {
            throw new UserError("usage: " + usage);
        }
    }

    /** Writes the last template into a {@code script.template} step, ready to paste into a job. */
    private String save(Path file) {
        if (lastInput == null) {
            throw new UserError("nothing to save yet: evaluate a template first");
        }
        ObjectNode step = JsonNodeFactory.instance.objectNode();
        step.put("id", "render");
        if (mode == Mode.JS) {
            step.put("action", "script.js");
            step.putObject("params").put("code", lastInput);
        } else {
            step.put("action", "script.template");
            step.putObject("params").put("template", lastInput);
        }
        try {
            Files.writeString(file, pretty(step) + "\n");
        } catch (IOException e) {
            throw new UserError(":save " + file + ": " + e.getMessage());
        }
        return "saved a " + step.get("action").asText() + " step to " + file;
    }

    /** The helpers whose name or doc matches {@code word} (all when blank), with signature, doc and example. */
    public static String docs(String word) {
        List<Helper> found = word == null || word.isBlank() ? HelperLibrary.all() : HelperLibrary.search(word.strip());
        if (found.isEmpty()) {
            return "no helper matches '" + word + "'";
        }
        StringBuilder out = new StringBuilder();
        for (Helper helper : found) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(helper.signature()).append("  [").append(helper.category()).append("]\n    ")
                    .append(helper.doc()).append("\n    e.g. ").append(helper.example());
            if (helper.expected() != null) {
                out.append("  =>  ").append(helper.expected());
            }
        }
        return out.toString();
    }

    static String pretty(JsonNode json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Completion candidates for the word ending at the cursor: scope names and helpers, and after
     * a dot the fields of that value in the sample message ({@code node.} gives the node's keys).
     *
     * @param word the text from the start of the word (may contain dots) to the cursor
     * @return full replacements for {@code word}, sorted
     */
    public List<String> complete(String word) {
        List<String> candidates = new ArrayList<>();
        int dot = word.lastIndexOf('.');
        if (dot < 0) {
            List<String> names = new ArrayList<>(List.of("message", "node", "nodes", "item", "items", "vars", "last",
                    "params", "event", "run"));
            HelperLibrary.all().forEach(h -> names.add(h.name()));
            names.stream().filter(n -> n.startsWith(word)).sorted().forEach(candidates::add);
            return candidates;
        }
        String path = word.substring(0, dot);
        String prefix = word.substring(dot + 1);
        JsonNode value = resolve(path);
        if (value != null && value.isObject()) {
            value.properties().stream().map(java.util.Map.Entry::getKey).filter(k -> k.startsWith(prefix)).sorted()
                    .forEach(k -> candidates.add(path + "." + k));
        } else if (value != null && value.isArray() && "length".startsWith(prefix)) {
            candidates.add(path + ".length");
        }
        return candidates;
    }

    private JsonNode resolve(String path) {
        String[] parts = path.split("\\.");
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
        JsonNode current = scope;
        for (String part : parts) {
            current = part.matches("\\d+") && current.isArray() ? current.path(Integer.parseInt(part)) : current.path(part);
            if (current.isMissingNode()) {
                return null;
            }
        }
        return current;
    }

    static final String HELP = """
            Type a template ({{ node.name }}) or, in js mode, a script body; the result is printed with its type.
            'last' is the previous result. An open {{, bracket or string continues on the next line.
            :load FILE         load a sample message (JSON)
            :node PATH         add a file as a node
            :param NAME=VALUE  set params.NAME
            :var NAME=JSON     set vars.NAME
            :mode template|js  what input is
            :show              the current message and params
            :doc [WORD]        search the helpers
            :save FILE         write the last input as a job step
            :quit              leave (or Ctrl+D); Ctrl+C stops a running evaluation""";
}
