package io.flowhost.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import io.flowhost.plugins.ActionCatalog;
import io.flowhost.plugins.RegisteredAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Real in-process actions that runner tests use as fixtures, and a catalog holding them. */
final class TestActions implements ActionCatalog {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    /** How many {@code test.stubborn} actions run now, and at most at once. */
    final AtomicInteger stubborn = new AtomicInteger();
    final AtomicInteger maxStubborn = new AtomicInteger();
    /** How many {@code test.sleep} actions have started. */
    final AtomicInteger sleepCalls = new AtomicInteger();
    /** What {@code test.sleep} saw when it was interrupted: its context's {@code isCancelled()}. */
    final Queue<Boolean> cancelledWhenInterrupted = new ConcurrentLinkedQueue<>();
    private final Map<String, RegisteredAction> actions = new TreeMap<>();

    TestActions() {
        add(ActionDescriptor.builder("test.echo").param(ParamSpec.any("text", "what to output")).build(),
                context -> context.params().json("text")
                        .map(text -> text.isTextual() ? StepResult.ok(text.textValue()) : StepResult.ok(text))
                        .orElse(StepResult.ok()));
        add(ActionDescriptor.builder("test.busy").param(ParamSpec.integer("millis", "how long").withDefault(100)).build(),
                context -> {
                    int now = running.incrementAndGet();
                    maxRunning.accumulateAndGet(now, Math::max);
                    try {
                        Thread.sleep(context.params().integer("millis"));
                    } finally {
                        running.decrementAndGet();
                    }
                    return StepResult.ok(context.message().nodes().isEmpty() ? "-" : context.message().nodes().get(0).name());
                });
        add(ActionDescriptor.builder("test.sleep")
                        .param(ParamSpec.integer("millis", "how long").withDefault(100))
                        .param(ParamSpec.integer("failCall", "which call of test.sleep fails halfway through its sleep, from 1"))
                        .build(),
                context -> {
                    int call = sleepCalls.incrementAndGet();
                    // the failing call ends halfway, so that calls started with it are still running
                    boolean failing = context.params().json("failCall").map(JsonNode::asInt).orElse(0) == call;
                    try {
                        Thread.sleep(context.params().integer("millis") / (failing ? 2 : 1));
                    } catch (InterruptedException e) {
                        cancelledWhenInterrupted.add(context.isCancelled());
                        context.checkCancelled();
                        throw e;
                    }
                    if (failing) {
                        throw new IllegalStateException("kaboom");
                    }
                    return StepResult.ok();
                });
        add(ActionDescriptor.builder("test.stubborn").build(), context -> {
            maxStubborn.accumulateAndGet(stubborn.incrementAndGet(), Math::max);
            try {
                // Ignores interruption on purpose: only the test's latch ends it.
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // keeps waiting
                    }
                }
            } finally {
                stubborn.decrementAndGet();
            }
            return StepResult.ok("released");
        });
        add(ActionDescriptor.builder("test.fail").param(ParamSpec.string("reason", "why").withDefault("no luck")).build(),
                context -> StepResult.failed(context.params().string("reason")));
        add(ActionDescriptor.builder("test.throw").build(), context -> {
            throw new IllegalStateException("kaboom");
        });
        add(ActionDescriptor.builder("test.setvar")
                        .param(ParamSpec.string("name", "variable").asRequired())
                        .param(ParamSpec.any("value", "value").asRequired())
                        .build(),
                context -> StepResult.ok().withMessage(context.message()
                        .withVar(context.params().string("name"), context.params().json("value").orElseThrow())));
        add(ActionDescriptor.builder("test.addnode").param(ParamSpec.string("path", "node path").asRequired()).build(),
                context -> {
                    List<Node> nodes = new ArrayList<>(context.message().nodes());
                    nodes.add(Node.of(context.params().string("path")));
                    return StepResult.ok().withMessage(context.message().withNodes(nodes));
                });
        add(ActionDescriptor.builder("test.count").build(), context -> StepResult.ok(JsonNodeFactory.instance.objectNode()
                .put("nodes", context.message().nodes().size())
                .put("items", context.message().items().size())));
    }

    private void add(ActionDescriptor descriptor, Body body) {
        actions.put(descriptor.id(), new RegisteredAction(descriptor, new Action() {
            @Override
            public ActionDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public StepResult run(ActionContext context) throws Exception {
                return body.run(context);
            }
        }, "test"));
    }

    private interface Body {
        StepResult run(ActionContext context) throws Exception;
    }

    @Override
    public Optional<RegisteredAction> find(String id) {
        return Optional.ofNullable(actions.get(id));
    }

    @Override
    public List<RegisteredAction> all() {
        return actions.values().stream().sorted(Comparator.comparing(RegisteredAction::id)).toList();
    }
}
