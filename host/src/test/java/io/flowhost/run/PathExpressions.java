package io.flowhost.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.script.Expressions;
import io.flowhost.script.Scope;
import io.flowhost.script.TemplateException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small expression language for runner tests: {@code {{ a.b.c }}} paths and comparisons with a
 * number ({@code {{ node.size > 10 }}}), so that runner semantics are tested apart from GraalJS.
 * {@code {{ wait(200) node.size > 10 }}} sleeps 200 ms first (interruptibly), for slow conditions.
 */
final class PathExpressions implements Expressions {
    private static final Pattern WHOLE = Pattern.compile("\\s*\\{\\{(.*?)}}\\s*");
    private static final Pattern PART = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern COMPARISON = Pattern.compile("\\s*([\\w.]+)\\s*(>|<|==)\\s*(-?\\d+)\\s*");
    private static final Pattern WAIT = Pattern.compile("\\s*wait\\((\\d+)\\)(.*)", Pattern.DOTALL);

    /** How many {@code wait(...)} evaluations run now, and at most at once. */
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();

    @Override
    public JsonNode render(JsonNode value, Scope scope) {
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(e -> out.set(e.getKey(), render(e.getValue(), scope)));
            return out;
        }
        if (!value.isTextual()) {
            return value;
        }
        String text = value.textValue();
        Matcher whole = WHOLE.matcher(text);
        if (whole.matches()) {
            return evaluate(whole.group(1), scope, text);
        }
        Matcher part = PART.matcher(text);
        StringBuilder out = new StringBuilder();
        while (part.find()) {
            JsonNode v = evaluate(part.group(1), scope, text);
            part.appendReplacement(out, Matcher.quoteReplacement(v.isValueNode() ? v.asText() : v.toString()));
        }
        part.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    @Override
    public boolean test(String condition, Scope scope) {
        JsonNode value = render(TextNode.valueOf(condition), scope);
        return value.isBoolean() ? value.booleanValue() : !value.isNull() && !value.asText().isEmpty();
    }

    @Override
    public List<TemplateException> check(String template) {
        return List.of();
    }

    private JsonNode evaluate(String expression, Scope scope, String template) {
        Matcher wait = WAIT.matcher(expression);
        if (wait.matches()) {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(Long.parseLong(wait.group(1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TemplateException("interrupted", template, 1, 1, null);
            } finally {
                running.decrementAndGet();
            }
            return evaluate(wait.group(2), scope, template);
        }
        Matcher comparison = COMPARISON.matcher(expression);
        if (comparison.matches()) {
            double left = lookup(comparison.group(1), scope, template).asDouble();
            double right = Double.parseDouble(comparison.group(3));
            boolean result = switch (comparison.group(2)) {
                case ">" -> left > right;
                case "<" -> left < right;
                default -> left == right;
            };
            return JsonNodeFactory.instance.booleanNode(result);
        }
        return lookup(expression.trim(), scope, template);
    }

    private static JsonNode lookup(String path, Scope scope, String template) {
        ObjectNode root = scope.message().toJson();
        root.set("node", root.path("nodes").path(0));
        root.set("item", root.path("items").path(0));
        root.set("params", scope.params());
        root.set("last", root.path("outputs").path(root.path("outputs").size() - 1));
        JsonNode current = root;
        for (String part : path.split("\\.")) {
            current = current.path(part);
        }
        if (current instanceof MissingNode) {
            throw new TemplateException("unknown path " + path, template, 1, 1, null);
        }
        return current;
    }
}
