package io.flowhost.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.Scope;
import io.flowhost.script.ScriptConsole;
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
 * A script.js body run once per message, over 10,000 messages: ours (a fresh sandboxed context per
 * message, watchdog, limits) against the unsafe limit, one plain GraalJS context reused for every
 * message with the same JSON in and out.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScriptBenchmark {
    static final String BODY = "return { name: node.name.toUpperCase(), big: node.size > 5000000, kb: Math.round(node.size / 1024) }";

    private JsExpressions js;
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
        scopes = Fixtures.scopes();
        nodeJson = scopes.stream().map(s -> s.message().nodes().get(0).toJson().toString()).toList();
        engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        shared = Context.newBuilder("js").engine(engine).build();
        function = shared.eval("js", "(function(node) {" + BODY + "})");
        parse = shared.eval("js", "JSON.parse");
        stringify = shared.eval("js", "JSON.stringify");
    }

    @TearDown
    public void tearDown() {
        shared.close();
        engine.close();
    }

    @Benchmark
    public JsonNode ours() {
        next = (next + 1) % scopes.size();
        return js.runScript(BODY, scopes.get(next), Limits.defaults(), ScriptConsole.NONE, () -> false).value();
    }

    @Benchmark
    public String bareReusedContext() {
        next = (next + 1) % scopes.size();
        return stringify.execute(function.execute(parse.execute(nodeJson.get(next)))).asString();
    }
}
