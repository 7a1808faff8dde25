package io.flowhost.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Message;
import io.flowhost.api.StepResult;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.JobLoader;
import io.flowhost.plugins.ActionCatalog;
import io.flowhost.plugins.RegisteredAction;
import io.flowhost.run.RunRequest;
import io.flowhost.run.Runner;
import io.flowhost.run.TaskListener;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.ScriptActions;
import io.flowhost.store.NewTask;
import io.flowhost.store.StoreLocation;
import io.flowhost.store.TaskJournal;
import io.flowhost.store.TaskRecord;
import io.flowhost.store.TaskStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runner's cost per fan-out item, in one process without start-up: a fan-out of N items running
 * one step each, with a Java action that does nothing ({@code noop}) or the end-to-end benchmark's
 * {@code script.js} step ({@code script}), recorded nowhere or in a SQLite task store ({@code store}).
 * Prints microseconds per item, best of the runs after the first (and the first's, cold), so that where the time goes can be
 * read off differences: {@code noop} is the runner alone, {@code script} minus {@code noop} the script.
 *
 * <pre>java -cp ... io.flowhost.benchmarks.FanOutHarness [ITEMS [RUNS [noop|script [STORE: true|false]]]]</pre>
 */
public final class FanOutHarness {
    private FanOutHarness() {}

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> kinds = args.length > 2 ? List.of(args[2]) : List.of("noop", "script");
        List<Boolean> stores = args.length > 3 ? List.of(Boolean.parseBoolean(args[3])) : List.of(false, true);
        JsExpressions js = new JsExpressions(Limits.defaults());
        List<RegisteredAction> actions = new ArrayList<>(ScriptActions.builtIns(js));
        ActionDescriptor noop = ActionDescriptor.builder("bench.noop").build();
        actions.add(new RegisteredAction(noop, new Action() {
            @Override
            public ActionDescriptor descriptor() {
                return noop;
            }

            @Override
            public StepResult run(ActionContext context) {
                return StepResult.ok(JsonNodeFactory.instance.objectNode().put("item", context.message().items().get(0).asInt()));
            }
        }, "benchmark"));
        ActionCatalog catalog = new ActionCatalog() {
            @Override
            public Optional<RegisteredAction> find(String id) {
                return actions.stream().filter(a -> a.id().equals(id)).findFirst();
            }

            @Override
            public List<RegisteredAction> all() {
                return actions;
            }
        };
        String script = "\"action\": \"script.js\", \"params\": { \"code\": \"return { name: 'photo-' + item + '.jpg', "
                + "big: item * 997 > 5000000, kb: Math.round(item * 997 / 1024) }\" }";
        String java = "\"action\": \"bench.noop\"";
        Path data = Files.createTempDirectory("flowhost-fan-out");
        try (TaskStore store = TaskStore.open(StoreLocation.dataFolder(data))) {
            for (String kind : kinds) {
                for (boolean recorded : stores) {
                    String text = "{\"id\": \"fan-out\", \"maxConcurrency\": 4, \"steps\": [{\"id\": \"each\", "
                            + "\"forEach\": \"{{ range(0, " + items + ") }}\", \"do\": [{\"id\": \"work\", "
                            + (kind.equals("noop") ? java : script) + "}]}]}";
                    Job job = JobLoader.load(Path.of("fan-out.json"), text, catalog, js);
                    Runner runner = new Runner(catalog, js, recorded ? store : TaskJournal.NONE, data.resolve("artifacts"));
                    double best = Double.MAX_VALUE;
                    double cold = 0;
                    for (int run = 0; run < runs + 1; run++) {
                        Message input = Message.empty();
                        RunRequest request = new RunRequest(input, null);
                        if (recorded) {
                            NewTask task = NewTask.of(job.id(), io.flowhost.store.JobVersion.of(text, "fan-out.json"), null, input);
                            store.record(task);
                            request = request.withTaskId(task.id());
                        }
                        long start = System.nanoTime();
                        TaskRecord ended = runner.run(job, request, TaskListener.NONE);
                        long took = System.nanoTime() - start;
                        if (!ended.status().jsonName().equals("succeeded")) {
                            throw new IllegalStateException("the task " + ended.status().jsonName() + ": " + ended.error());
                        }
                        if (run > 0) { // the first run warms up
                            best = Math.min(best, took / 1e3 / items);
                        } else {
                            cold = took / 1e3 / items;
                        }
                    }
                    System.out.printf("fan-out of %,d items, %s, %s: %.1f us per item warm (first run %.1f)%n", items,
                            kind, recorded ? "store" : "no store", best, cold);
                }
            }
        }
    }
}
