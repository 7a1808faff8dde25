package io.flowhost.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.Scope;
import io.flowhost.script.ScriptContexts;
import io.flowhost.script.helpers.Helper;
import io.flowhost.script.helpers.HelperLibrary;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Templates against Pebble 4, the engine behind Kestra's templates, with the same text over the same
 * data: Pebble is given ready-made maps (made once, not per render) and autoescaping is off. Ours
 * reads each message as every step does. The helper is our own {@code humanBytes}, registered as a
 * Pebble function, so both call the same Java code.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PebbleBenchmark {
    static final String TWO_PATHS = "Hello {{ item.name }}, you have {{ item.count }} items";
    static final String WITH_HELPER = "Hello {{ item.name }}, {{ humanBytes(item.size) }}";

    private JsExpressions js;
    private ScriptContexts task;
    private List<Scope> scopes;
    private List<Map<String, Object>> contexts;
    private PebbleTemplate twoPaths;
    private PebbleTemplate withHelper;
    private int next;

    @Setup
    public void setUp() throws IOException {
        js = new JsExpressions(Limits.defaults());
        task = ScriptContexts.open();
        scopes = Fixtures.scopes(task);
        contexts = new ArrayList<>(scopes.size());
        for (Scope scope : scopes) {
            JsonNode item = scope.message().items().get(0);
            Map<String, Object> map = new HashMap<>();
            map.put("name", item.get("name").textValue());
            map.put("size", item.get("size").longValue());
            map.put("count", item.get("count").intValue());
            contexts.add(Map.of("item", map));
        }
        Helper humanBytes = HelperLibrary.find("humanBytes").orElseThrow();
        PebbleEngine pebble = new PebbleEngine.Builder().loader(new StringLoader()).autoEscaping(false)
                .extension(new AbstractExtension() {
                    @Override
                    public Map<String, Function> getFunctions() {
                        return Map.of("humanBytes", new Function() {
                            @Override
                            public List<String> getArgumentNames() {
                                return List.of("bytes");
                            }

                            @Override
                            public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                                    int lineNumber) {
                                return humanBytes.function().apply(List.of(args.get("bytes")));
                            }
                        });
                    }
                }).build();
        twoPaths = pebble.getTemplate(TWO_PATHS);
        withHelper = pebble.getTemplate(WITH_HELPER);
        // both give the same text
        check(TWO_PATHS, twoPaths);
        check(WITH_HELPER, withHelper);
    }

    private void check(String text, PebbleTemplate pebble) throws IOException {
        String ours = js.render(TextNode.valueOf(text), scopes.get(7)).asText();
        StringWriter theirs = new StringWriter();
        pebble.evaluate(theirs, contexts.get(7));
        if (!ours.equals(theirs.toString())) {
            throw new IllegalStateException("different output: " + ours + " / " + theirs);
        }
    }

    @TearDown
    public void tearDown() {
        task.close();
    }

    private int nextIndex() {
        next = (next + 1) % scopes.size();
        return next;
    }

    @Benchmark
    public JsonNode twoPathsOurs() {
        return js.render(TextNode.valueOf(TWO_PATHS), scopes.get(nextIndex()));
    }

    @Benchmark
    public String twoPathsPebble() throws IOException {
        StringWriter out = new StringWriter(64);
        twoPaths.evaluate(out, contexts.get(nextIndex()));
        return out.toString();
    }

    @Benchmark
    public JsonNode helperOurs() {
        return js.render(TextNode.valueOf(WITH_HELPER), scopes.get(nextIndex()));
    }

    @Benchmark
    public String helperPebble() throws IOException {
        StringWriter out = new StringWriter(64);
        withHelper.evaluate(out, contexts.get(nextIndex()));
        return out.toString();
    }
}
