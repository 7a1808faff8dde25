package io.flowhost.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Node;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.Scope;
import io.flowhost.script.ScriptContexts;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rendering one template per message: ours (compiled to Java, or through the sandbox) against
 * Commons Text's StringSubstitutor producing the same text, and hand-written Java (the limit).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TemplateBenchmark {
    static final TextNode WITH_HELPER = TextNode.valueOf("Hello {{ node.name }}, {{ humanBytes(node.size) }}");
    static final TextNode SIMPLE_PATH = TextNode.valueOf("Hello {{ node.name }}");
    /** The same path with a comment, which the compiled subset leaves to the engine. */
    static final TextNode SIMPLE_PATH_IN_ENGINE = TextNode.valueOf("Hello {{ node.name /* in the engine */ }}");
    /** The helper template with a comment: the engine's figure for it. */
    static final TextNode WITH_HELPER_IN_ENGINE =
            TextNode.valueOf("Hello {{ node.name }}, {{ humanBytes(node.size) /* in the engine */ }}");

    private JsExpressions js;
    /** One task evaluating message after message, as a fan-out over 10,000 items does. */
    private ScriptContexts task;
    private List<Scope> scopes;
    private int next;

    @Setup
    public void setUp() {
        js = new JsExpressions(Limits.defaults());
        task = ScriptContexts.open();
        scopes = Fixtures.scopes(task);
    }

    @org.openjdk.jmh.annotations.TearDown
    public void tearDown() {
        task.close();
    }

    private Scope scope() {
        next = (next + 1) % scopes.size();
        return scopes.get(next);
    }

    @Benchmark
    public JsonNode helperOurs() {
        return js.render(WITH_HELPER, scope());
    }

    @Benchmark
    public JsonNode helperThroughEngine() {
        return js.render(WITH_HELPER_IN_ENGINE, scope());
    }

    @Benchmark
    public String helperStringSubstitutor() {
        return substitutor(scope()).replace("Hello ${node.name}, ${node.size.human}");
    }

    @Benchmark
    public String helperHandWritten() {
        Node node = scope().message().nodes().get(0);
        return "Hello " + node.name() + ", " + humanBytes(node.size());
    }

    @Benchmark
    public JsonNode simplePathOurs() {
        return js.render(SIMPLE_PATH, scope());
    }

    @Benchmark
    public JsonNode simplePathThroughEngine() {
        return js.render(SIMPLE_PATH_IN_ENGINE, scope());
    }

    @Benchmark
    public String simplePathStringSubstitutor() {
        return substitutor(scope()).replace("Hello ${node.name}");
    }

    /** A substitutor over one message, built per render as ours reads each message afresh. */
    private static StringSubstitutor substitutor(Scope scope) {
        Node node = scope.message().nodes().get(0);
        StringLookup lookup = key -> switch (key) {
            case "node.name" -> node.name();
            case "node.size" -> String.valueOf(node.size());
            case "node.size.human" -> humanBytes(node.size());
            default -> null;
        };
        return new StringSubstitutor(lookup);
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
