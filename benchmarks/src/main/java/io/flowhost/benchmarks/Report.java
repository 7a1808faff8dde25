package io.flowhost.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
 *
 * <p>The machine is shared, and its speed drifts over minutes: a whole run of every benchmark is a
 * round, and the full mode runs three. Each figure is the median over rounds of ours, of the
 * baseline, and of the ratio measured within each round (so a ratio compares measurements taken a
 * minute apart, not ten).
 */
public final class Report {
    private Report() {}

    private record Figure(String name, String ours, String baseline) {}

    private static final List<Figure> FIGURES = List.of(
            new Figure("template with a helper vs StringSubstitutor (renders/s)",
                    "TemplateBenchmark.helperOurs", "TemplateBenchmark.helperStringSubstitutor"),
            new Figure("template with a helper vs hand-written Java (renders/s)",
                    "TemplateBenchmark.helperOurs", "TemplateBenchmark.helperHandWritten"),
            new Figure("simple path vs StringSubstitutor (renders/s)",
                    "TemplateBenchmark.simplePathOurs", "TemplateBenchmark.simplePathStringSubstitutor"),
            new Figure("simple path: compiled vs through the engine (renders/s)",
                    "TemplateBenchmark.simplePathOurs", "TemplateBenchmark.simplePathThroughEngine"),
            new Figure("template with a helper: compiled vs through the engine (renders/s)",
                    "TemplateBenchmark.helperOurs", "TemplateBenchmark.helperThroughEngine"),
            new Figure("two-path template vs Pebble 4 (renders/s)",
                    "PebbleBenchmark.twoPathsOurs", "PebbleBenchmark.twoPathsPebble"),
            new Figure("template with a helper vs Pebble 4 (renders/s)",
                    "PebbleBenchmark.helperOurs", "PebbleBenchmark.helperPebble"),
            new Figure("script.js per message vs bare reused context (messages/s)",
                    "ScriptBenchmark.ours", "ScriptBenchmark.bareReusedContext"),
            new Figure("script.js per message vs bare reused context doing the same JSON work (messages/s)",
                    "ScriptBenchmark.ours", "ScriptBenchmark.bareReusedContextSameWork"),
            new Figure("task of one template evaluation vs a bare GraalJS context made, used, closed (per second)",
                    "TaskBenchmark.taskOfOneEvaluation", "TaskBenchmark.bareFreshContext"),
            new Figure("task of ten template evaluations vs ten in a task already running (per second)",
                    "TaskBenchmark.taskOfTenEvaluations", "TaskBenchmark.tenEvaluationsInARunningTask"));

    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        int rounds = quick ? 1 : 3;
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(TemplateBenchmark.class.getSimpleName())
                .include(ScriptBenchmark.class.getSimpleName())
                .include(TaskBenchmark.class.getSimpleName())
                .include(PebbleBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(quick ? 3 : 4)
                .warmupTime(TimeValue.seconds(quick ? 2 : 4))
                .measurementIterations(quick ? 3 : 4)
                .measurementTime(TimeValue.seconds(quick ? 2 : 4))
                .timeUnit(TimeUnit.SECONDS)
                // steady state: the one-time background initialisation of the engine's classes is a
                // start-up cost, measured by the cold-start line, not a throughput one
                .jvmArgsAppend("-Dpolyglot.engine.WarnInterpreterOnly=false", "--enable-native-access=ALL-UNNAMED",
                        "-Dflowhost.sandbox.preinitialize=off")
                .shouldFailOnError(true);
        if (Runtime.version().feature() >= 24) {
            options.jvmArgsAppend("--sun-misc-unsafe-memory-access=allow");
        }
        List<Map<String, Double>> scores = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Collection<RunResult> results = new Runner(options.build()).run();
            Map<String, Double> score = new HashMap<>();
            for (RunResult result : results) {
                String name = result.getParams().getBenchmark();
                score.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                        result.getPrimaryResult().getScore());
            }
            scores.add(score);
        }
        System.out.println();
        for (Figure figure : FIGURES) {
            List<Double> ours = new ArrayList<>();
            List<Double> baseline = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (Map<String, Double> score : scores) {
                ours.add(score.get(figure.ours()));
                baseline.add(score.get(figure.baseline()));
                ratios.add(score.get(figure.ours()) / score.get(figure.baseline()));
            }
            if (rounds > 1) {
                System.out.printf("  %s: ratio per round %s%n", figure.name(),
                        ratios.stream().map(r -> String.format("%.3f", r)).toList());
            }
            System.out.printf("%s: ours %.0f, baseline %.0f, ratio %.3f%n", figure.name(), median(ours), median(baseline),
                    median(ratios));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
