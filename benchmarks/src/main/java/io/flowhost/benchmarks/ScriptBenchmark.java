package io.flowhost.benchmarks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.api.Node;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.Scope;
import io.flowhost.script.ScriptContexts;
import io.flowhost.script.ScriptConsole;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A script.js body run once per message, over 10,000 messages: ours (a pooled, locked-down context
 * per evaluation, watchdog, limits) against the unsafe limit, one plain GraalJS context reused for
 * every message. Two baselines: {@link #bareReusedContext} is handed each node's JSON text ready
 * made and gives back JSON text; {@link #bareReusedContextSameWork} also does what any step must
 * do around the engine, as fast as Jackson's streaming API allows: the node into JSON text, the
 * result into a {@link JsonNode}. The difference between ours and the second is what isolation
 * costs.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScriptBenchmark {
    static final String BODY = "return { name: node.name.toUpperCase(), big: node.size > 5000000, kb: Math.round(node.size / 1024) }";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsExpressions js;
    /** One task evaluating message after message, as a fan-out over 10,000 items does. */
    private ScriptContexts task;
    private List<Scope> scopes;
    private List<String> nodeJson;
    private int next;
    private Engine engine;
    private Context shared;
    private Value function;
    private Value parse;
    private Value stringify;

    @Setup
    public void setUp() {
        js = new JsExpressions(Limits.defaults());
        task = ScriptContexts.open();
        scopes = Fixtures.scopes(task);
        nodeJson = scopes.stream().map(s -> s.message().nodes().get(0).toJson().toString()).toList();
        engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        shared = Context.newBuilder("js").engine(engine).build();
        function = shared.eval("js", "(function(node) {" + BODY + "})");
        parse = shared.eval("js", "JSON.parse");
        stringify = shared.eval("js", "JSON.stringify");
    }

    @TearDown
    public void tearDown() {
        task.close();
        shared.close();
        engine.close();
    }

    @Benchmark
    public JsonNode ours() {
        next = (next + 1) % scopes.size();
        return js.runScript(BODY, scopes.get(next), Limits.defaults(), ScriptConsole.NONE, () -> false).value();
    }

    @Benchmark
    public JsonNode bareReusedContextSameWork() throws IOException {
        next = (next + 1) % scopes.size();
        Node node = scopes.get(next).message().nodes().get(0);
        StringWriter text = new StringWriter(256);
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("path", node.path());
            out.writeStringField("name", node.name());
            out.writeNumberField("size", node.size().longValue());
            out.writeStringField("mtime", node.mtime().toString());
            out.writeFieldName("meta");
            out.writeStartObject();
            out.writeEndObject();
            out.writeEndObject();
        }
        return MAPPER.readTree(stringify.execute(function.execute(parse.execute(text.toString()))).asString());
    }

    @Benchmark
    public String bareReusedContext() {
        next = (next + 1) % scopes.size();
        return stringify.execute(function.execute(parse.execute(nodeJson.get(next)))).asString();
    }
}
