package io.flowhost.script;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Message;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Templates and scripts in sandboxed GraalJS: the {@link Expressions} of the host, and the engine
 * behind {@code script.js}.
 *
 * <p>A template is text with {@code {{ expression }}} parts. Each evaluation runs in a fresh
 * context of the {@linkplain Sandbox sandbox} under {@link Limits}. The scope is passed in as
 * JSON and read back as JSON, so guest code never holds a live host object but the helper facade.
 * Only the job author's text is ever evaluated: scope values are data and stay data.
 *
 * <p>Simple paths such as {@code {{ node.name }}} or {@code {{ vars.x.y }}} are read straight
 * from the scope without entering the engine, with the same result JavaScript would give; anything
 * else, or a path that would fail, goes to the engine.
 *
 * <p>Thread-safe.
 */
public final class JsExpressions implements Expressions {
    /** The names templates and scripts see, in the order functions declare them. */
    static final List<String> SCOPE_NAMES =
            List.of("message", "node", "nodes", "item", "items", "vars", "last", "params", "event", "run");

    private static final String TEMPLATE_SOURCE = "template";
    private static final String SCRIPT_SOURCE = "script";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern SIMPLE_PATH =
            Pattern.compile("\\s*([A-Za-z_$][A-Za-z0-9_$]*)((?:\\.[A-Za-z_$][A-Za-z0-9_$]*|\\[\\d{1,9}])*)\\s*");
    private static final Pattern PATH_STEP = Pattern.compile("\\.([A-Za-z_$][A-Za-z0-9_$]*)|\\[(\\d+)]");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AWAIT = Pattern.compile("\\bawait\\b");
    private static final int TEMPLATE_CACHE_SIZE = 4096;

    private final Limits defaults;
    private final Map<String, Template> templates = new ConcurrentHashMap<>();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();

    /** A script body's generated source and the names it uses, built once per body. */
    private record Script(Set<String> scopeNames, Set<String> helpers, org.graalvm.polyglot.Source source,
            boolean setsVars, boolean setsNodes, boolean setsItems, boolean logs) {}
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

    /**
     * One piece of a template: literal text, or an expression and where it starts in the template;
     * {@code path} is the expression read as a simple path (root name, then property names and
     * indexes), or {@code null} when the engine must evaluate it.
     */
    record Part(String literal, String expression, int line, int column, List<Object> path) {}

    /**
     * A template split into parts, with the names its expressions use and, per expression part,
     * the generated source the engine runs (built once, so that an evaluation does not rebuild and
     * rehash it).
     */
    record Template(String text, List<Part> parts, boolean single, Set<String> scopeNames, Set<String> helpers,
            Map<Part, org.graalvm.polyglot.Source> sources) {}

    private Template template(String text) {
        Template template = templates.get(text);
        if (template == null) {
            if (templates.size() >= TEMPLATE_CACHE_SIZE) {
                templates.clear();
            }
            template = parse(text);
            templates.put(text, template);
        }
        return template;
    }

    private Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        Set<String> scope = new LinkedHashSet<>();
        Set<String> helpers = new LinkedHashSet<>();
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                if (from < text.length()) {
                    parts.add(new Part(text.substring(from), null, 0, 0, null));
                }
                break;
            }
            if (open > from) {
                parts.add(new Part(text.substring(from, open), null, 0, 0, null));
            }
            int[] at = position(text, open + 2);
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                int[] start = position(text, open);
                throw new TemplateException("'{{' is never closed with '}}'", text, start[0], start[1], null);
            }
            String expression = text.substring(open + 2, close);
            if (expression.isBlank()) {
                int[] start = position(text, open);
                throw new TemplateException("empty expression '{{ }}'", text, start[0], start[1], null);
            }
            parts.add(new Part(null, expression, at[0], at[1], simplePath(expression)));
            names(expression, scope, helpers);
            from = close + 2;
        }
        long expressions = parts.stream().filter(p -> p.expression() != null).count();
        boolean single = expressions == 1 && parts.stream().allMatch(p -> p.expression() != null || p.literal().isBlank());
        Template shape = new Template(text, List.copyOf(parts), single, Set.copyOf(scope), Set.copyOf(helpers), Map.of());
        Map<Part, org.graalvm.polyglot.Source> sources = new java.util.IdentityHashMap<>();
        for (Part part : shape.parts()) {
            if (part.expression() != null) {
                sources.put(part, Sandbox.source(TEMPLATE_SOURCE, functionSource(shape, part.expression(), false)));
            }
        }
        return new Template(text, shape.parts(), single, shape.scopeNames(), shape.helpers(), sources);
    }

    /**
     * Collects the scope and helper names that code may use as free variables. A name right after
     * one dot is a property ({@code Math.round}, {@code message.nodes}), not a variable: it is not
     * declared, so the code gets no scope value or helper it does not use.
     */
    private void names(String code, Set<String> scope, Set<String> helpers) {
        Matcher matcher = IDENTIFIER.matcher(code);
        while (matcher.find()) {
            if (isProperty(code, matcher.start())) {
                continue;
            }
            String name = matcher.group();
            if (SCOPE_NAMES.contains(name)) {
                scope.add(name);
            } else if (helperNames.contains(name)) {
                helpers.add(name);
            }
        }
    }

    private static boolean isProperty(String code, int start) {
        int before = start - 1;
        while (before >= 0 && Character.isWhitespace(code.charAt(before))) {
            before--;
        }
        // '...name' is a spread of the variable, '.name' and '?.name' a property
        return before >= 0 && code.charAt(before) == '.' && (before < 2 || !code.startsWith("...", before - 2));
    }

    private static int[] position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
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
        if (!text.contains("{{")) {
            return TextNode.valueOf(text);
        }
        Template template = template(text);
        JsonNode fast = fastRender(template, scope);
        if (fast != null) {
            return fast;
        }
        return Sandbox.run(limits, cancelled, ScriptConsole.NONE, text, TEMPLATE_SOURCE, locator(template), evaluation -> {
            String scopeJson = scopeJson(scope, template.scopeNames());
            Object helpers = evaluation.helpers(template.helpers());
            if (template.single()) {
                Part part = template.parts().stream().filter(p -> p.expression() != null).findFirst().orElseThrow();
                String json = evaluation.expressionJson(expression(evaluation, template, part), scopeJson, helpers);
                return json == null ? NullNode.getInstance() : readJson(json);
            }
            Value scopeValue = scopeJson == null ? null : evaluation.parse(scopeJson);
            StringBuilder out = new StringBuilder();
            for (Part part : template.parts()) {
                if (part.expression() == null) {
                    out.append(part.literal());
                } else {
                    out.append(evaluation.expressionText(expression(evaluation, template, part), scopeValue, helpers));
                }
                if (out.length() > limits.resultBytes()) {
                    throw new Sandbox.ResultTooLarge(limits.resultBytes());
                }
            }
            return TextNode.valueOf(out.toString());
        });
    }

    private Value expression(Sandbox.Evaluation evaluation, Template template, Part part) {
        return evaluation.function(template.sources().get(part));
    }

    /**
     * The generated function around an expression or a script body: line 1 declares the names the
     * code uses, the code itself starts on line 2 so that its lines and columns map back exactly.
     */
    private static String functionSource(Template template, String code, boolean script) {
        // a body that awaits needs an async function; any other runs without the promise machinery
        String kind = script && AWAIT.matcher(code).find() ? "(async function" : "(function";
        // code that uses one scope name (the common case) gets that value itself as its first argument
        Set<String> scope = template.scopeNames();
        String first = scope.size() == 1 ? scope.iterator().next() : "__scope";
        StringBuilder source = new StringBuilder(script ? kind + "(" + first + ",__helpers,setVar,setNodes,setItems,console){"
                : "(function(" + first + ",__helpers){");
        appendDeclarations(source, scope.size() == 1 ? Set.of() : scope, template.helpers());
        if (script) {
            return source.append("{\n").append(code).append("\n}})").toString();
        }
        return source.append("return (\n").append(code).append("\n);})").toString();
    }

    private static void appendDeclarations(StringBuilder source, Set<String> scope, Set<String> helpers) {
        List<String> declarations = new ArrayList<>();
        for (String name : SCOPE_NAMES) {
            if (scope.contains(name)) {
                declarations.add(name + "=__scope." + name);
            }
        }
        for (String helper : helpers) {
            declarations.add(helper + "=__helpers." + helper);
        }
        if (!declarations.isEmpty()) {
            source.append("var ").append(String.join(",", declarations)).append(';');
        }
    }

    private static Sandbox.Locator locator(Template template) {
        return (line, column) -> {
            // which part ran is not known here; templates report the first expression's place when the
            // generated line is the prelude, else the place inside the part that holds the error
            Part part = template.parts().stream().filter(p -> p.expression() != null).findFirst().orElseThrow();
            return locate(part, line, column);
        };
    }

    private static int[] locate(Part part, int line, int column) {
        if (line < 2) {
            // the engine points at the generated prelude: show the expression's first character
            String expression = part.expression();
            int lead = 0;
            while (lead < expression.length() && expression.charAt(lead) == ' ') {
                lead++;
            }
            return new int[] {part.line(), part.column() + lead};
        }
        int partLine = line - 2;
        String[] lines = part.expression().split("\n", -1);
        if (partLine >= lines.length) {
            // past the expression (e.g. it ended too early): point just after it
            partLine = lines.length - 1;
            column = lines[partLine].length() + 1;
        }
        return partLine == 0 ? new int[] {part.line(), part.column() + column - 1}
                : new int[] {part.line() + partLine, column};
    }

    @Override
    public boolean test(String condition, Scope scope) {
        return test(condition, scope, limits(scope), () -> false);
    }

    /** {@link #test(String, Scope)} under other limits, stopped early when {@code cancelled}. */
    public boolean test(String condition, Scope scope, Limits limits, BooleanSupplier cancelled) {
        if (!condition.contains("{{")) {
            return !condition.isBlank() && !condition.trim().equals("false");
        }
        Template template = template(condition);
        if (!template.single()) {
            return !renderText(condition, scope, limits, cancelled).asText().isEmpty();
        }
        JsonNode fast = fastRender(template, scope);
        if (fast != null) {
            return truthy(fast);
        }
        Part part = template.parts().stream().filter(p -> p.expression() != null).findFirst().orElseThrow();
        return Sandbox.run(limits, cancelled, ScriptConsole.NONE, condition, TEMPLATE_SOURCE,
                (line, column) -> locate(part, line, column), evaluation -> {
                    return evaluation.expressionTruth(expression(evaluation, template, part),
                            scopeJson(scope, template.scopeNames()), evaluation.helpers(template.helpers()));
                });
    }

    private static boolean truthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            return number != 0 && !Double.isNaN(number);
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return true;
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
        for (Part part : parsed.parts()) {
            if (part.expression() == null) {
                continue;
            }
            try {
                Sandbox.run(defaults, () -> false, ScriptConsole.NONE, template, TEMPLATE_SOURCE,
                        (line, column) -> locate(part, line, column),
                        evaluation -> evaluation.context.parse(parsed.sources().get(part)));
            } catch (TemplateException e) {
                problems.add(e);
            }
        }
        return problems;
    }

    // ---- the fast path

    /**
     * Reads a template that is only simple paths straight from the scope, or returns {@code null}
     * when the engine must evaluate it (anything else, or a path JavaScript would throw on).
     */
    private JsonNode fastRender(Template template, Scope scope) {
        List<JsonNode> values = new ArrayList<>();
        for (Part part : template.parts()) {
            if (part.expression() == null) {
                continue;
            }
            JsonNode value = part.path() == null ? null : fastPath(part.path(), scope);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        if (template.single()) {
            JsonNode value = values.get(0);
            return value.isMissingNode() ? NullNode.getInstance() : value;
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (Part part : template.parts()) {
            if (part.expression() == null) {
                out.append(part.literal());
                continue;
            }
            JsonNode value = values.get(next++);
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            if (value.isNumber() && !value.isIntegralNumber()) {
                return null; // JavaScript's number formatting differs from Java's: let the engine print it
            }
            out.append(value.isValueNode() ? value.asText() : value.toString());
        }
        return TextNode.valueOf(out.toString());
    }

    /** The expression as a simple path over the scope, or {@code null} when it is anything else. */
    private static List<Object> simplePath(String expression) {
        Matcher path = SIMPLE_PATH.matcher(expression);
        if (!path.matches() || !SCOPE_NAMES.contains(path.group(1))) {
            return null;
        }
        List<Object> steps = new ArrayList<>();
        steps.add(path.group(1));
        Matcher step = PATH_STEP.matcher(path.group(2));
        while (step.find()) {
            steps.add(step.group(1) != null ? step.group(1) : (Object) Integer.valueOf(step.group(2)));
        }
        return List.copyOf(steps);
    }

    /** @return the value, {@link MissingNode} for undefined, or {@code null} when the engine must decide */
    private static JsonNode fastPath(List<Object> path, Scope scope) {
        int next = 1;
        JsonNode current;
        String root = (String) path.get(0);
        Object first = path.size() > 1 ? path.get(1) : null;
        Message message = scope.message();
        // the common roots are read from the message directly, without building its JSON
        if (root.equals("node") && first instanceof String field && NODE_FIELDS.contains(field)) {
            current = message.nodes().isEmpty() ? MissingNode.getInstance() : nodeField(message.nodes().get(0), field);
            next = 2;
            if (current.isMissingNode() && message.nodes().isEmpty()) {
                return null; // JavaScript throws reading a property of undefined
            }
        } else if (root.equals("vars") && first instanceof String name) {
            current = message.var(name).orElse(MissingNode.getInstance());
            next = 2;
        } else if (root.equals("nodes") && "length".equals(first)) {
            current = JsonNodeFactory.instance.numberNode(message.nodes().size());
            next = 2;
        } else {
            current = root(root, scope);
        }
        for (int i = next; i < path.size(); i++) {
            Object step = path.get(i);
            if (current.isMissingNode() || current.isNull()) {
                return null; // JavaScript throws a TypeError here: let it say so
            }
            if (step instanceof String name) {
                if (name.equals("length") && current.isArray()) {
                    current = JsonNodeFactory.instance.numberNode(current.size());
                } else if (name.equals("length") && current.isTextual()
                        && current.textValue().codePointCount(0, current.textValue().length()) == current.textValue().length()) {
                    current = JsonNodeFactory.instance.numberNode(current.textValue().length());
                } else if (current.isObject()) {
                    current = current.path(name);
                } else {
                    return null; // properties of strings, numbers, arrays: JavaScript's business
                }
            } else {
                if (!current.isArray()) {
                    return null;
                }
                current = current.path((Integer) step);
            }
        }
        return current;
    }

    private static final Set<String> NODE_FIELDS = Set.of("path", "name", "size", "mtime", "meta");

    private static JsonNode nodeField(Node node, String field) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (field) {
            case "path" -> f.textNode(node.path());
            case "name" -> f.textNode(node.name());
            case "size" -> node.size() == null ? f.nullNode() : f.numberNode(node.size());
            case "mtime" -> node.mtime() == null ? f.nullNode() : f.textNode(node.mtime().toString());
            default -> node.meta();
        };
    }

    private static JsonNode root(String name, Scope scope) {
        Message message = scope.message();
        return switch (name) {
            case "message" -> message.toJson();
            case "node" -> message.nodes().isEmpty() ? MissingNode.getInstance() : message.nodes().get(0).toJson();
            case "nodes" -> message.toJson().get("nodes");
            case "item" -> message.items().isEmpty() ? MissingNode.getInstance() : message.items().get(0);
            case "items" -> message.toJson().get("items");
            case "vars" -> message.toJson().get("vars");
            case "last" -> scope.last() != null ? scope.last()
                    : message.last().<JsonNode>map(io.flowhost.api.Output::toJson).orElse(MissingNode.getInstance());
            case "params" -> scope.params() == null ? JsonNodeFactory.instance.objectNode() : scope.params();
            case "event" -> message.event();
            default -> runJson(scope);
        };
    }

    private static ObjectNode runJson(Scope scope) {
        ObjectNode run = JsonNodeFactory.instance.objectNode();
        run.put("jobId", scope.run().jobId());
        run.put("taskId", scope.run().taskId());
        run.put("startedAt", scope.run().startedAt() == null ? null : scope.run().startedAt().toString());
        run.put("step", scope.run().step());
        return run;
    }

    /**
     * The scope as JSON text, with only the names the code uses, written straight from the message
     * (this runs once per evaluation: no intermediate tree of the message or its nodes).
     */
    private static String scopeJson(Scope scope, Set<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        java.io.StringWriter text = new java.io.StringWriter(256);
        try (JsonGenerator out = JSON.getFactory().createGenerator(text)) {
            if (names.size() == 1) {
                // the value itself, as functionSource declares it; undefined when it is missing
                if (!writeScopeValue(out, names.iterator().next(), scope, false)) {
                    return null;
                }
            } else {
                out.writeStartObject();
                for (String name : names) {
                    writeScopeValue(out, name, scope, true);
                }
                out.writeEndObject();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Writes one scope value, as a field of the scope object when {@code field}.
     *
     * @return {@code false} when the value is missing (then nothing is written)
     */
    private static boolean writeScopeValue(JsonGenerator out, String name, Scope scope, boolean field)
            throws java.io.IOException {
        Message message = scope.message();
        JsonNode other = switch (name) {
            case "node", "nodes", "items", "vars" -> null;
            default -> root(name, scope);
        };
        if (name.equals("node") ? message.nodes().isEmpty() : other != null && other.isMissingNode()) {
            return false;
        }
        if (field) {
            out.writeFieldName(name);
        }
        switch (name) {
            case "node" -> writeNode(out, message.nodes().get(0));
            case "nodes" -> {
                out.writeStartArray();
                for (Node node : message.nodes()) {
                    writeNode(out, node);
                }
                out.writeEndArray();
            }
            case "items" -> {
                out.writeStartArray();
                for (JsonNode item : message.items()) {
                    JSON.writeTree(out, item);
                }
                out.writeEndArray();
            }
            case "vars" -> {
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> variable : message.vars().entrySet()) {
                    out.writeFieldName(variable.getKey());
                    JSON.writeTree(out, variable.getValue());
                }
                out.writeEndObject();
            }
            default -> JSON.writeTree(out, other);
        }
        return true;
    }

    /** A node as {@link Node#toJson()} has it. */
    private static void writeNode(JsonGenerator out, Node node) throws java.io.IOException {
        out.writeStartObject();
        out.writeStringField("path", node.path());
        out.writeStringField("name", node.name());
        if (node.size() == null) {
            out.writeNullField("size");
        } else {
            out.writeNumberField("size", node.size().longValue());
        }
        out.writeStringField("mtime", node.mtime() == null ? null : node.mtime().toString());
        out.writeFieldName("meta");
        JSON.writeTree(out, node.meta());
        out.writeEndObject();
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

    /**
     * Runs a script body as {@code script.js} does: the body of an async function that sees the
     * scope and the helpers, may call {@code setVar(name, value)}, {@code setNodes(array)},
     * {@code setItems(array)} and {@code console.log/info/warn/error}, and whose returned value
     * (awaited when it is a promise) is the result.
     *
     * @throws TemplateException for syntax errors, guest errors and exceeded limits, located in the body
     */
    public ScriptResult runScript(String body, Scope scope, Limits limits, ScriptConsole console,
            BooleanSupplier cancelled) {
        Script script = scripts.get(body);
        if (script == null) {
            if (scripts.size() >= TEMPLATE_CACHE_SIZE) {
                scripts.clear();
            }
            Set<String> names = new LinkedHashSet<>();
            Set<String> used = new LinkedHashSet<>();
            names(body, names, used);
            Template shape = new Template(body, List.of(), false, names, used, Map.of());
            // the host objects a body does not name are not made at all
            script = new Script(Set.copyOf(names), Set.copyOf(used),
                    Sandbox.source(SCRIPT_SOURCE, functionSource(shape, body, true)),
                    body.contains("setVar"), body.contains("setNodes"), body.contains("setItems"), body.contains("console"));
            scripts.put(body, script);
        }
        Script compiled = script;
        return Sandbox.run(limits, cancelled, console, body, SCRIPT_SOURCE,
                (line, column) -> line < 2 ? new int[] {1, 1} : new int[] {line - 1, column}, evaluation -> {
                    Map<String, JsonNode> vars = new LinkedHashMap<>();
                    AtomicReference<List<Node>> nodes = new AtomicReference<>();
                    AtomicReference<List<JsonNode>> items = new AtomicReference<>();
                    ProxyExecutable setVar = args -> {
                        if (args.length < 1 || !args[0].isString()) {
                            throw new IllegalArgumentException("setVar(name, value): name must be a string");
                        }
                        String json = args.length < 2 ? null : evaluation.json(args[1]);
                        vars.put(args[0].asString(), json == null ? NullNode.getInstance() : readJson(json));
                        return null;
                    };
                    ProxyExecutable setNodes = args -> {
                        nodes.set(array(evaluation, args, "setNodes").stream().map(json -> {
                            try {
                                return Node.fromJson(json);
                            } catch (IllegalArgumentException e) {
                                throw new IllegalArgumentException("setNodes(nodes): " + e.getMessage());
                            }
                        }).toList());
                        return null;
                    };
                    ProxyExecutable setItems = args -> {
                        items.set(array(evaluation, args, "setItems"));
                        return null;
                    };
                    Object returned = evaluation.script(evaluation.function(compiled.source()),
                            scopeJson(scope, compiled.scopeNames()), evaluation.helpers(compiled.helpers()),
                            compiled.setsVars() ? setVar : null, compiled.setsNodes() ? setNodes : null,
                            compiled.setsItems() ? setItems : null, compiled.logs() ? evaluation.console() : null);
                    if (!(returned instanceof Value promise)) {
                        String json = (String) returned;
                        return new ScriptResult(json == null ? null : readJson(json), vars, nodes.get(), items.get());
                    }
                    AtomicReference<Value> settled = new AtomicReference<>();
                    AtomicReference<Value> rejected = new AtomicReference<>();
                    AtomicReference<String> json = new AtomicReference<>();
                    promise.invokeMember("then", (ProxyExecutable) args -> {
                        settled.set(args.length > 0 ? args[0] : null);
                        json.set(args.length > 0 ? evaluation.json(args[0]) : null);
                        return null;
                    }, (ProxyExecutable) args -> {
                        rejected.set(args.length > 0 ? args[0] : null);
                        return null;
                    });
                    if (rejected.get() != null) {
                        evaluation.function(Sandbox.source("rethrow", "(function(e){throw e})")).execute(rejected.get());
                    }
                    if (settled.get() == null && json.get() == null && rejected.get() == null) {
                        throw new IllegalStateException("never settled");
                    }
                    JsonNode value = json.get() == null ? null : readJson(json.get());
                    return new ScriptResult(value, vars, nodes.get(), items.get());
                });
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

    /** @return the helpers templates and scripts can call, for docs and completion */
    public static List<Helper> helpers() {
        return HelperLibrary.all();
    }
}
