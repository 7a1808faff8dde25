package io.flowhost.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Message;
import io.flowhost.script.helpers.Helper;
import io.flowhost.script.helpers.HelperLibrary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Attacks that harm the whole JVM, run in a fresh JVM of their own by {@link HostSurvivesTest}:
 * each prints what it saw and exits 0 when the host survived as promised, 1 when it did not.
 */
public final class HostProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsExpressions JS = new JsExpressions(Limits.defaults());

    private HostProbe() {}

    public static void main(String[] args) throws Exception {
        List<String> broken = switch (args[0]) {
            case "poison" -> {
                // as a long-lived process (the server) is once the engine's classes are initialised
                Sandbox.preinitialized().join();
                yield poison(OBSCURE);
            }
            case "hogs" -> hogs(Integer.parseInt(args[1]), args[2]);
            default -> throw new IllegalArgumentException(args[0]);
        };
        broken.forEach(line -> System.out.println("BROKEN " + line));
        System.out.println(broken.isEmpty() ? "HOST OK" : "HOST BROKEN");
        System.out.flush();
        Runtime.getRuntime().halt(broken.isEmpty() ? 0 : 1);
    }

    private static Scope scope(ScriptContexts contexts) {
        return new Scope(Message.empty(), JSON.createObjectNode(), new Scope.Run("job", "task", Instant.EPOCH, "step"))
                .withContexts(contexts);
    }

    /** Operations the start-up warm-up does not cover: only the full preinitialisation does. */
    private static final String OBSCURE = """
              () => new Intl.Segmenter('en').segment('a b')[Symbol.iterator]().next().value.segment,
              () => Reflect.construct(Date, [0]).getUTCFullYear(), () => new Proxy({}, { has: () => true }).x,
              () => new DataView(new ArrayBuffer(8)).getFloat64(0), () => [1, 2].findLast((x) => x > 1),
              () => Object.groupBy([1, 2], (x) => x % 2), () => 'abc'.at(-1), () => new WeakMap().set({}, 1),
              () => Array.prototype.toSorted.call([2, 1]), () => 10n ** 20n, () => new Float64Array([1.5]).toReversed(),
            """;

    /**
     * Recurses until the stack is gone, then, on the way back, at every depth, calls every helper
     * and the common operations whose classes are initialised lazily; then checks that every helper
     * and every later task still work.
     */
    private static List<String> poison(String more) {
        StringBuilder calls = new StringBuilder("const calls = [\n");
        for (Helper helper : HelperLibrary.all()) {
            calls.append("  () => ").append(helper.example()).append(",\n");
        }
        calls.append("""
                  () => new String('x').length, () => String({ toString() { return 'y' } }), () => `${{ a: 1 }}`,
                  () => [1, 2].map(String), () => JSON.stringify({ a: [1, { b: 2 }] }), () => /a(b)/.exec('ab')[1],
                  () => new Date(0).toISOString(), () => (1.5).toFixed(2), () => Symbol('s').toString(),
                  () => new Map([[1, 2]]).get(1), () => Number('12.5'), () => parseInt('ff', 16), () => 'a'.localeCompare('b'),
                """ + more + """
                ];
                let reached = 0;
                function down(depth) {
                  let deepest = depth;
                  try { deepest = down(depth + 1) } catch (e) {}
                  // only the last levels have too little stack left for a class's initialiser
                  if (deepest - depth < 48) {
                    for (const call of calls) { try { call() } catch (e) {} }
                  }
                  return deepest;
                }
                reached = down(0);
                return reached;
                """);
        List<String> broken = new ArrayList<>();
        try (ScriptContexts task = ScriptContexts.open()) {
            JsExpressions.ScriptResult result = JS.runScript(calls.toString(), scope(task),
                    Limits.defaults().withStatements(Long.MAX_VALUE).withTimeout(Duration.ofSeconds(60)), ScriptConsole.NONE,
                    () -> false);
            System.out.println("recursed to depth " + result.value());
        } catch (TemplateException e) {
            System.out.println("the poisoning script failed: " + e.located());
        }
        try (ScriptContexts task = ScriptContexts.open()) {
            for (Helper helper : HelperLibrary.all()) {
                try {
                    JsonNode actual = JS.render(TextNode.valueOf("{{ " + helper.example() + " }}"), scope(task));
                    if (helper.expected() != null && !actual.equals(JSON.readTree(helper.expected()))) {
                        broken.add(helper.name() + " gave " + actual + ", expected " + helper.expected());
                    }
                } catch (Exception | Error e) {
                    broken.add(helper.name() + " failed: " + e);
                }
            }
            String common = "{{ [new String('x').length, String({ toString() { return 'y' } }), JSON.stringify({a: 1}), "
                    + "(1.5).toFixed(2), new Date(0).toISOString()].join() }}";
            String expected = "1,y,{\"a\":1},1.50,1970-01-01T00:00:00.000Z";
            String actual = JS.render(TextNode.valueOf(common), scope(task)).asText();
            if (!actual.equals(expected)) {
                broken.add("common operations gave " + actual);
            }
        } catch (Exception | Error e) {
            broken.add("a later task failed: " + e);
        }
        try {
            String.format("%s %,d %.2f", "format", 1234567, 1.5);
        } catch (Error e) {
            broken.add("String.format: " + e);
        }
        return broken;
    }

    /**
     * Runs {@code count} evaluations of {@code code} at once, each in its own task; every one must
     * fail with a memory error (none may succeed holding its memory), and then an honest evaluation
     * must succeed.
     */
    private static List<String> hogs(int count, String code) throws Exception {
        List<String> broken = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(count);
        List<Future<String>> results = new ArrayList<>();
        Limits limits = Limits.defaults().withStatements(Long.MAX_VALUE).withTimeout(Duration.ofSeconds(60));
        for (int i = 0; i < count; i++) {
            results.add(workers.submit(() -> {
                try (ScriptContexts task = ScriptContexts.open()) {
                    return "succeeded: " + JS.runScript(code, scope(task), limits, ScriptConsole.NONE, () -> false).value();
                } catch (TemplateException e) {
                    return e.getMessage();
                }
            }));
        }
        for (Future<String> result : results) {
            String outcome = result.get();
            System.out.println("hog: " + outcome);
            if (!outcome.startsWith("script exceeded its memory limit") && !outcome.startsWith("script ran out of memory")) {
                broken.add("a hog ended with: " + outcome);
            }
        }
        workers.shutdown();
        try (ScriptContexts task = ScriptContexts.open()) {
            JsonNode honest = JS.runScript("return [1, 2, 3].map(x => x * 2).join()", scope(task), Limits.defaults(),
                    ScriptConsole.NONE, () -> false).value();
            if (!honest.asText().equals("2,4,6")) {
                broken.add("an honest evaluation gave " + honest);
            }
        } catch (Exception | Error e) {
            broken.add("an honest evaluation failed: " + e);
        }
        return broken;
    }
}
