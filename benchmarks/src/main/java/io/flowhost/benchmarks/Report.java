package io.flowhost.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks and prints one line per figure, {@code name: ours X, baseline Y, ratio Z},
 * every pair measured in the same run. {@code --quick} takes a few minutes on 2 cores.
 */
public final class Report {
    private Report() {}

    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(TemplateBenchmark.class.getSimpleName())
                .include(ScriptBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(quick ? 3 : 5)
                .warmupTime(TimeValue.seconds(quick ? 2 : 5))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(quick ? 2 : 5))
                .timeUnit(TimeUnit.SECONDS)
                .jvmArgsAppend("-Dpolyglot.engine.WarnInterpreterOnly=false", "--enable-native-access=ALL-UNNAMED")
                .shouldFailOnError(true);
        if (Runtime.version().feature() >= 24) {
            options.jvmArgsAppend("--sun-misc-unsafe-memory-access=allow");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> score = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            score.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), result.getPrimaryResult().getScore());
        }
        System.out.println();
        line("template with a helper vs StringSubstitutor (renders/s)", score.get("TemplateBenchmark.helperOurs"),
                score.get("TemplateBenchmark.helperStringSubstitutor"));
        line("template with a helper vs hand-written Java (renders/s)", score.get("TemplateBenchmark.helperOurs"),
                score.get("TemplateBenchmark.helperHandWritten"));
        line("simple path vs StringSubstitutor (renders/s)", score.get("TemplateBenchmark.simplePathOurs"),
                score.get("TemplateBenchmark.simplePathStringSubstitutor"));
        line("simple path: fast path vs through the engine (renders/s)", score.get("TemplateBenchmark.simplePathOurs"),
                score.get("TemplateBenchmark.simplePathThroughEngine"));
        line("script.js per message vs bare reused context (messages/s)", score.get("ScriptBenchmark.ours"),
                score.get("ScriptBenchmark.bareReusedContext"));
        line("script.js per message vs bare reused context doing the same JSON work (messages/s)",
                score.get("ScriptBenchmark.ours"), score.get("ScriptBenchmark.bareReusedContextSameWork"));
    }

    private static void line(String name, Double ours, Double baseline) {
        System.out.printf("%s: ours %.0f, baseline %.0f, ratio %.3f%n", name, ours, baseline, ours / baseline);
    }
}
