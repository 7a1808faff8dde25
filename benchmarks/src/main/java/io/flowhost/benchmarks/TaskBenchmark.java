package io.flowhost.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.Scope;
import io.flowhost.script.ScriptContexts;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a task's own sandbox costs: no context serves two tasks, so every task makes its contexts
 * and closes them at its end. A task of one template evaluation (a fresh context) against a bare
 * GraalJS context made, used once and closed on a shared engine; a task of ten evaluations (eight
 * fresh contexts, then a locked-down one) against the same ten evaluations in a task already running.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TaskBenchmark {
    /** A template the compiled subset leaves to the engine (a comment): only such a one needs a context. */
    static final TextNode TEMPLATE = TemplateBenchmark.WITH_HELPER_IN_ENGINE;
    static final int EVALUATIONS = 10;

    private JsExpressions js;
    private List<Scope> scopes;
    private ScriptContexts running;
    private List<Scope> runningScopes;
    private int next;
    private Engine engine;

    @Setup
    public void setUp() {
        js = new JsExpressions(Limits.defaults());
        scopes = Fixtures.scopes();
        running = ScriptContexts.open();
        runningScopes = Fixtures.scopes(running);
        engine = Engine.newBuilder("js").sandbox(SandboxPolicy.CONSTRAINED).out(java.io.OutputStream.nullOutputStream())
                .err(java.io.OutputStream.nullOutputStream()).option("engine.WarnInterpreterOnly", "false").build();
    }

    @TearDown
    public void tearDown() {
        running.close();
        engine.close();
    }

    private int nextIndex() {
        next = (next + 1) % scopes.size();
        return next;
    }

    @Benchmark
    public JsonNode taskOfOneEvaluation() {
        try (ScriptContexts task = ScriptContexts.open()) {
            return js.render(TEMPLATE, scopes.get(nextIndex()).withContexts(task));
        }
    }

    @Benchmark
    public String bareFreshContext() {
        try (Context context = Context.newBuilder("js").engine(engine).sandbox(SandboxPolicy.CONSTRAINED)
                .out(java.io.OutputStream.nullOutputStream()).err(java.io.OutputStream.nullOutputStream()).build()) {
            return context.eval("js", "'Hello ' + 'photo.jpg'").asString();
        }
    }

    @Benchmark
    public JsonNode taskOfTenEvaluations() {
        JsonNode last = null;
        try (ScriptContexts task = ScriptContexts.open()) {
            for (int i = 0; i < EVALUATIONS; i++) {
                last = js.render(TEMPLATE, scopes.get(nextIndex()).withContexts(task));
            }
        }
        return last;
    }

    @Benchmark
    public JsonNode tenEvaluationsInARunningTask() {
        JsonNode last = null;
        for (int i = 0; i < EVALUATIONS; i++) {
            last = js.render(TEMPLATE, runningScopes.get(nextIndex()));
        }
        return last;
    }
}
