package io.flowhost.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Node;
import io.flowhost.script.helpers.Helper;
import io.flowhost.script.helpers.HelperLibrary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Templates and scripts in sandboxed GraalJS: the {@link Expressions} of the host, and the engine
 * behind {@code script.js}.
 *
 * <p>A template is text with {@code {{ expression }}} parts ({@link Template}). Expressions that
 * are simple paths are read without the engine ({@link FastPath}); the others run in the
 * {@linkplain Sandbox sandbox}, in a context of the scope's {@link ScriptContexts} (or a fresh one),
 * under {@link Limits}. The scope is passed in as JSON and read back as JSON, so guest code never
 * holds a live host object but the helper facade. Only the job author's text is ever evaluated:
 * scope values are data and stay data.
 *
 * <p>Thread-safe.
 */
public final class JsExpressions implements Expressions {
    /** The names templates and scripts see, in the order functions declare them. */
    static final List<String> SCOPE_NAMES =
            List.of("message", "node", "nodes", "item", "items", "vars", "last", "params", "event", "run");
    static final Set<String> SCOPE_NAMES_SET = Set.copyOf(SCOPE_NAMES);
    private static final Set<String> SCOPE = SCOPE_NAMES_SET;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHE_SIZE = 4096;

    private final Limits defaults;
    private final Map<String, Template> templates = new ConcurrentHashMap<>();
    private final Map<String, Code> scripts = new ConcurrentHashMap<>();
    private final Set<String> helperNames;

    /** @param defaults the limits of evaluations that are not given their own */
    public JsExpressions(Limits defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        Set<String> names = new LinkedHashSet<>();
        HelperLibrary.all().forEach(helper -> names.add(helper.name()));
        this.helperNames = Set.copyOf(names);
    }

    /** @return the limits evaluations get unless told otherwise */
    public Limits defaults() {
        return defaults;
    }

    /** @return the scope's limits, or the defaults when it has none */
    public Limits limits(Scope scope) {
        return scope.limits() != null ? scope.limits() : defaults;
    }

    // ---- templates

    private Template template(String text) {
        Template template = templates.get(text);
        if (template == null) {
            if (templates.size() >= CACHE_SIZE) {
                templates.clear();
            }
            template = Template.parse(text, SCOPE, helperNames);
            templates.put(text, template);
        }
        return template;
    }

    @Override
    public JsonNode render(JsonNode value, Scope scope) {
        return render(value, scope, limits(scope), () -> false);
    }

    /**
     * {@link #render(JsonNode, Scope)} under other limits, stopped early when {@code cancelled}.
     */
    public JsonNode render(JsonNode value, Scope scope, Limits limits, BooleanSupplier cancelled) {
        if (value.isTextual()) {
            return renderText(value.textValue(), scope, limits, cancelled);
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                out.set(field.getKey(), render(field.getValue(), scope, limits, cancelled));
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> out.add(render(element, scope, limits, cancelled)));
            return out;
        }
        return value;
    }

    private JsonNode renderText(String text, Scope scope, Limits limits, BooleanSupplier cancelled) {
        return renderText(text, scope, limits, cancelled, true);
    }

    private JsonNode renderText(String text, Scope scope, Limits limits, BooleanSupplier cancelled, boolean compile) {
        Template cached = templates.get(text); // a template seen before needs no scan for '{{'
        if (cached == null && !text.contains("{{")) {
            return TextNode.valueOf(text);
        }
        Template template = cached != null ? cached : template(text);
        JsonNode compiled = compile ? compiledRender(template, scope, limits) : null;
        if (compiled != null) {
            return compiled;
        }
        return Sandbox.run(scope.contexts(), limits, cancelled, ScriptConsole.NONE, text, evaluation -> {
            if (template.single()) {
                Template.Part part = template.firstExpression();
                Value function = evaluation.function(part.code(), locator(part));
                String json = evaluation.expressionJson(function, scopeJson(scope, part.code()),
                        evaluation.helpers(part.code().helpers));
                return json == null ? NullNode.getInstance() : readJson(json);
            }
            // several parts share one parsed scope: the union of the names they use
            Set<String> names = new LinkedHashSet<>();
            template.parts().stream().filter(Template.Part::isExpression).forEach(p -> names.addAll(p.code().scopeNames));
            String json = names.isEmpty() ? null : ScopeWriter.scopeJson(scope, SCOPE_NAMES.stream().filter(names::contains).toList());
            Value all = json == null ? null : evaluation.parse(json);
            StringBuilder out = new StringBuilder();
            for (Template.Part part : template.parts()) {
                if (!part.isExpression()) {
                    out.append(part.literal());
                } else {
                    Value function = evaluation.function(part.code(), locator(part));
                    out.append(evaluation.expressionText(function, partScope(all, names, scope, part.code()),
                            evaluation.helpers(part.code().helpers)));
                }
                if (out.length() > limits.resultBytes()) {
                    throw new Sandbox.ResultTooLarge(limits.resultBytes());
                }
            }
            return TextNode.valueOf(out.toString());
        });
    }

    /**
     * Renders a template whose every expression compiled to Java, exactly as the engine would, or
     * returns {@code null} when one of them is not compiled or bails (the engine then renders it).
     */
    private static JsonNode compiledRender(Template template, Scope scope, Limits limits) {
        if (!template.allCompiled()) {
            return null;
        }
        long limit = limits.resultBytes();
        try {
            if (template.single()) {
                JsonNode value = JsValues.toJsonNode(template.firstExpression().compiled().evaluate(scope, limit), limit);
                return value == null ? NullNode.getInstance() : value;
            }
            StringBuilder out = new StringBuilder(template.text().length() + 32);
            CompiledExpression.Env env = new CompiledExpression.Env(scope, limit);
            for (Template.Part part : template.parts()) {
                if (!part.isExpression()) {
                    out.append(part.literal());
                } else {
                    Object value = part.compiled().evaluate(env);
                    if (value instanceof JsonNode) {
                        JsValues.stringify(value, out, limit);
                    } else if (value != null && value != JsValues.UNDEFINED) {
                        out.append(JsValues.toText(value));
                    }
                }
                if (out.length() > limit) {
                    return null; // the engine says the result is too large
                }
            }
            return TextNode.valueOf(out.toString());
        } catch (JsValues.Bail e) {
            return null;
        }
    }

    /**
     * The scope a part's binder expects: the parsed scope when the part uses what it holds (all of
     * its names, or its one name when it holds only that), else the part's own scope as JSON text.
     */
    private static Object partScope(Value all, Set<String> names, Scope scope, Code code) {
        if (code.scopeNames.isEmpty()) {
            return null;
        }
        if (all != null && (names.size() == 1 || code.scopeNames.size() > 1 && code.scopeNames.size() == names.size())) {
            return all;
        }
        return scopeJson(scope, code);
    }

    private static String scopeJson(Scope scope, Code code) {
        return ScopeWriter.scopeJson(scope, code.scopeNames);
    }

    private static Sandbox.Locator locator(Template.Part part) {
        return (line, column) -> Template.locate(part, line, column);
    }

    /** For the differential test: the engine's rendering, never the compiled one. */
    JsonNode renderInEngine(String text, Scope scope) {
        return renderText(text, scope, limits(scope), () -> false, false);
    }

    /** For the differential test: the compiled rendering as JSON text, or {@code null} when it bails. */
    String renderCompiled(String text, Scope scope) {
        JsonNode rendered = compiledRender(template(text), scope, limits(scope));
        return rendered == null ? null : rendered.toString();
    }

    /** For the differential test: the engine's truth, never the compiled one. */
    boolean testInEngine(String condition, Scope scope) {
        return test(condition, scope, limits(scope), () -> false, false);
    }

    /** For the differential test: the compiled truth, or {@code null} when it bails. */
    String testCompiled(String condition, Scope scope) {
        Template.Part part = template(condition).firstExpression();
        try {
            return part.compiled() == null ? null
                    : String.valueOf(JsValues.truthy(part.compiled().evaluate(scope, limits(scope).resultBytes())));
        } catch (JsValues.Bail e) {
            return null;
        }
    }

    @Override
    public boolean test(String condition, Scope scope) {
        return test(condition, scope, limits(scope), () -> false);
    }

    /** {@link #test(String, Scope)} under other limits, stopped early when {@code cancelled}. */
    public boolean test(String condition, Scope scope, Limits limits, BooleanSupplier cancelled) {
        return test(condition, scope, limits, cancelled, true);
    }

    private boolean test(String condition, Scope scope, Limits limits, BooleanSupplier cancelled, boolean compile) {
        if (!condition.contains("{{")) {
            return !condition.isBlank() && !condition.trim().equals("false");
        }
        Template template = template(condition);
        if (!template.single()) {
            return !renderText(condition, scope, limits, cancelled, compile).asText().isEmpty();
        }
        Template.Part part = template.firstExpression();
        if (compile && part.compiled() != null) {
            try {
                return JsValues.truthy(part.compiled().evaluate(scope, limits.resultBytes()));
            } catch (JsValues.Bail e) {
                // the engine decides
            }
        }
        return Sandbox.run(scope.contexts(), limits, cancelled, ScriptConsole.NONE, condition, evaluation -> {
            Value function = evaluation.function(part.code(), locator(part));
            return evaluation.expressionTruth(function, scopeJson(scope, part.code()),
                    evaluation.helpers(part.code().helpers));
        });
    }

    @Override
    public List<TemplateException> check(String template) {
        Template parsed;
        try {
            parsed = template(template);
        } catch (TemplateException e) {
            return List.of(e);
        }
        List<TemplateException> problems = new ArrayList<>();
        for (Template.Part part : parsed.parts()) {
            if (!part.isExpression()) {
                continue;
            }
            try {
                // making the function parses it; nothing of the author's runs
                Sandbox.run(null, defaults, () -> false, ScriptConsole.NONE, template,
                        evaluation -> evaluation.function(part.code(), locator(part)));
            } catch (TemplateException e) {
                problems.add(e);
            }
        }
        return problems;
    }

    /**
     * Checks a script body's syntax without running it, for {@code flowhost validate}.
     *
     * @param body a {@code script.js} body
     * @return the problems found (line and column in the body), empty when it is well-formed
     */
    public List<TemplateException> checkScript(String body) {
        try {
            Code code = script(body);
            Sandbox.run(null, defaults, () -> false, ScriptConsole.NONE, body,
                    evaluation -> evaluation.function(code, (line, column) -> new int[] {line, column}));
            return List.of();
        } catch (TemplateException e) {
            return List.of(e);
        }
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the script engine produced invalid JSON", e);
        }
    }

    // ---- scripts

    /**
     * What a script gave back.
     *
     * @param value the returned value as JSON ({@code null} when it returned nothing)
     * @param vars  the variables it set with {@code setVar}, in order
     * @param nodes the nodes it set with {@code setNodes}, or {@code null}
     * @param items the items it set with {@code setItems}, or {@code null}
     */
    public record ScriptResult(JsonNode value, Map<String, JsonNode> vars, List<Node> nodes, List<JsonNode> items) {}

    private Code script(String body) {
        Code code = scripts.get(body);
        if (code == null) {
            if (scripts.size() >= CACHE_SIZE) {
                scripts.clear();
            }
            code = Code.script(body, SCOPE, helperNames);
            scripts.put(body, code);
        }
        return code;
    }

    /**
     * Runs a script body as {@code script.js} does: the body of a function that sees the scope and
     * the helpers, may call {@code setVar(name, value)}, {@code setNodes(array)},
     * {@code setItems(array)} and {@code console.log/info/warn/error}, and whose returned value
     * (awaited when it is a promise) is the result.
     *
     * @throws TemplateException for syntax errors, guest errors and exceeded limits, located in the body
     */
    public ScriptResult runScript(String body, Scope scope, Limits limits, ScriptConsole console,
            BooleanSupplier cancelled) {
        Code code = script(body);
        return Sandbox.run(scope.contexts(), limits, cancelled, console, body, evaluation -> {
            Map<String, JsonNode> vars = new LinkedHashMap<>();
            AtomicReference<List<Node>> nodes = new AtomicReference<>();
            AtomicReference<List<JsonNode>> items = new AtomicReference<>();
            ProxyExecutable setVar = Sandbox.callback("setVar", args -> {
                if (args.length < 1 || !args[0].isString()) {
                    throw new IllegalArgumentException("setVar(name, value): name must be a string");
                }
                String json = args.length < 2 ? null : evaluation.json(args[1]);
                vars.put(args[0].asString(), json == null ? NullNode.getInstance() : readJson(json));
                return null;
            });
            ProxyExecutable setNodes = Sandbox.callback("setNodes", args -> {
                nodes.set(array(evaluation, args, "setNodes").stream().map(json -> {
                    try {
                        return Node.fromJson(json);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("setNodes(nodes): " + e.getMessage());
                    }
                }).toList());
                return null;
            });
            ProxyExecutable setItems = Sandbox.callback("setItems", args -> {
                items.set(array(evaluation, args, "setItems"));
                return null;
            });
            Value function = evaluation.function(code, (line, column) -> new int[] {line, column});
            Object returned = evaluation.script(function, ScopeWriter.scopeJson(scope, code.scopeNames),
                    evaluation.helpers(code.helpers), code.setsVars ? setVar : null, code.setsNodes ? setNodes : null,
                    code.setsItems ? setItems : null, code.logs ? evaluation.console() : null);
            if (!(returned instanceof Value promise)) {
                String json = (String) returned;
                return new ScriptResult(json == null ? null : readJson(json), vars, nodes.get(), items.get());
            }
            return settle(evaluation, promise, vars, nodes.get(), items.get());
        });
    }

    /**
     * The value a returned promise settled with. Pending jobs run when the host's call into the
     * guest returns, and the sandbox has no timers and no I/O: a promise still pending then never settles.
     */
    private static ScriptResult settle(Sandbox.Evaluation evaluation, Value promise, Map<String, JsonNode> vars,
            List<Node> nodes, List<JsonNode> items) {
        AtomicReference<String> json = new AtomicReference<>();
        AtomicReference<Value> rejected = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
        promise.invokeMember("then", (ProxyExecutable) args -> {
            settled.set(true);
            json.set(args.length > 0 ? evaluation.json(args[0]) : null);
            return null;
        }, (ProxyExecutable) args -> {
            settled.set(true);
            rejected.set(args.length > 0 ? args[0] : null);
            return null;
        });
        if (rejected.get() != null) {
            evaluation.rethrow(rejected.get());
        }
        if (!settled.get()) {
            throw new TemplateException("the script's promise never settled: it waits for something that cannot "
                    + "happen in the sandbox (there are no timers and no I/O)", null, 1, 1, null);
        }
        JsonNode value = json.get() == null ? null : readJson(json.get());
        return new ScriptResult(value, vars, nodes, items);
    }

    private static List<JsonNode> array(Sandbox.Evaluation evaluation, Value[] args, String name) {
        String json = args.length < 1 ? null : evaluation.json(args[0]);
        JsonNode value = json == null ? null : readJson(json);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(name + "(array): the argument must be an array");
        }
        List<JsonNode> list = new ArrayList<>();
        value.forEach(list::add);
        return list;
    }

    /**
     * @param value a value as templates and scripts give it
     * @return its type as the playground, {@code eval --json} and {@code POST /api/eval} name it:
     *     {@code string}, {@code number}, {@code boolean}, {@code array}, {@code object} or {@code null}
     */
    public static String typeName(JsonNode value) {
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
     * Makes the engine on a background thread, for a command that will evaluate soon ({@code run}):
     * it is made while the command loads plugins and the job, not on the clock of the task's first
     * script (about half a second of a cold start).
     */
    public static void startEngine() {
        Thread.ofPlatform().daemon().name("flowhost-script-engine").start(Sandbox::engine);
    }

    /**
     * @return how the JavaScript engine runs scripts: {@code GraalJS, interpreter ...}, or
     *     {@code GraalJS, optimizing runtime (GraalVM CE)} when the launcher was asked for it ({@code FLOWHOST_JIT=1})
     */
    public static String engineDescription() {
        org.graalvm.polyglot.Engine engine = Sandbox.engine();
        String runtime = engine.getImplementationName();
        return "GraalJS, " + (runtime.toLowerCase(java.util.Locale.ROOT).contains("interpreted")
                ? "interpreter (FLOWHOST_JIT=1 for the optimizing runtime)" : "optimizing runtime (" + runtime + ")");
    }

    /**
     * The engine's classes are initialised in the background once it starts, so that no script can
     * make one fail by exhausting the stack first (see docs/security.md). A server waits for this
     * before it takes work.
     *
     * @return completes when every class of the engine has been initialised
     */
    public static java.util.concurrent.CompletableFuture<Void> preinitialized() {
        return Sandbox.preinitialized();
    }

    /** @return the helpers templates and scripts can call, for docs and completion */
    public static List<Helper> helpers() {
        return HelperLibrary.all();
    }
}
