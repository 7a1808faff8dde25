package io.flowhost.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Durations;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.api.Output;
import io.flowhost.api.Parameters;
import io.flowhost.api.StepResult;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.Step;
import io.flowhost.plugins.ActionCatalog;
import io.flowhost.plugins.RegisteredAction;
import io.flowhost.script.Expressions;
import io.flowhost.script.Limits;
import io.flowhost.script.Scope;
import io.flowhost.script.ScriptContexts;
import io.flowhost.script.ScriptStep;
import io.flowhost.script.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * One task's run of a job: walks the sequences, runs actions under the task's concurrency and time
 * limits, merges fan-outs and branches, and records every step.
 *
 * <p>Threads: sequences and branches are walked on virtual threads, which only wait. Everything
 * that runs job-author or plugin code (templates, filters, actions) runs on a platform thread of
 * {@link #WORKERS} holding one of the task's {@code maxConcurrency} permits, so that a timeout can
 * abandon it: an action that ignores interruption keeps its thread, but never the task or the host.
 */
final class Execution {
    private static final AtomicInteger WORKER_NUMBER = new AtomicInteger();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "flowhost-worker-" + WORKER_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private static final ThreadFactory BRANCHES = Thread.ofVirtual().name("flowhost-branch-", 0).factory();

    private final Job job;
    private final String taskId;
    private final Instant startedAt;
    private final ObjectNode params;
    private final ActionCatalog actions;
    private final Expressions expressions;
    private final TaskListener listener;
    private final Semaphore permits;
    private final long deadline;
    private final AtomicReference<Abort> abort = new AtomicReference<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Numbered> steps = new ArrayList<>();
    private final List<LogLine> logs = new ArrayList<>();
    private final Path scratchRoot;
    /** The task's sandbox contexts: pooled for its steps and items, closed when it ends. */
    private final ScriptContexts contexts = ScriptContexts.open();

    private record Numbered(int number, StepRecord record) {}

    /** Why the task stopped early: the first failure, timeout or cancellation wins. */
    record Abort(TaskStatus status, String reason) {}

    /** What a step hands back to its sequence: the message, and whether the sequence ends here. */
    private record Flow(Message message, boolean stop) {}

    /** A failure that ends the task (a failed step without onError: continue). */
    static final class TaskFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TaskFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    Execution(Job job, String taskId, Instant startedAt, ObjectNode params, ActionCatalog actions,
            Expressions expressions, TaskListener listener, Path scratchRoot) {
        this.job = job;
        this.taskId = taskId;
        this.startedAt = startedAt;
        this.params = params;
        this.actions = actions;
        this.expressions = expressions;
        this.listener = listener;
        this.permits = new Semaphore(job.maxConcurrency(), true);
        this.deadline = job.timeLimit().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        this.scratchRoot = scratchRoot;
    }

    /** Runs the job's top-level sequence; returns the message it ended with. */
    Message run(Message input) {
        try {
            return runSequence(job.steps(), input, "").message();
        } finally {
            contexts.close();
            deleteScratch();
        }
    }

    void abort(TaskStatus status, String reason) {
        abort.compareAndSet(null, new Abort(status, reason));
    }

    Abort aborted() {
        return abort.get();
    }

    List<StepRecord> steps() {
        synchronized (steps) {
            return steps.stream().sorted(Comparator.comparingInt(Numbered::number)).map(Numbered::record).toList();
        }
    }

    List<LogLine> logs() {
        synchronized (logs) {
            return List.copyOf(logs);
        }
    }

    void log(LogLine.Level level, String step, String text) {
        LogLine line = new LogLine(Instant.now(), level, step, text);
        synchronized (logs) {
            logs.add(line);
        }
        listener.log(line);
    }

    void progress(String step, double fraction, String note) {
        listener.progress(step, fraction, note);
    }

    Path scratchRoot() {
        return scratchRoot;
    }

    String taskId() {
        return taskId;
    }

    String jobId() {
        return job.id();
    }

    private Flow runSequence(List<Step> sequence, Message message, String prefix) {
        Message current = message;
        for (Step step : sequence) {
            Flow flow = runStep(step, current, prefix.isEmpty() ? step.id() : prefix + "/" + step.id());
            current = flow.message();
            if (flow.stop()) {
                return new Flow(current, false);
            }
        }
        return new Flow(current, false);
    }

    private Flow runStep(Step step, Message input, String path) {
        Abort stop = abort.get();
        if (stop != null) {
            throw new TaskFailed(stop.reason());
        }
        Message current = input;
        if (step.filter() != null) {
            Filtered filtered = filter(step, current, path);
            if (filtered.rejected() != null && !step.elseSteps().isEmpty()) {
                runSequence(step.elseSteps(), filtered.rejected(), path + "/else");
            }
            if (filtered.passed() == null) {
                return new Flow(current, true);
            }
            current = filtered.passed();
        }
        if (step.bypass()) {
            int number = sequence.incrementAndGet();
            Instant now = Instant.now();
            record(number, new StepRecord(path, step.action(), StepStatus.BYPASSED, current, null, null, now, now));
            return new Flow(current, step.breakAfter());
        }
        if (step.action() != null) {
            current = runAction(step, current, path);
        } else if (step.forEach() != null) {
            current = fanOut(step, current, path);
        } else if (!step.parallel().isEmpty()) {
            current = branches(step, current, path);
        }
        return new Flow(current, step.breakAfter());
    }

    private record Filtered(Message passed, Message rejected) {}

    /**
     * Partitions nodes and items by the filter; on a message with neither, tests it once. A part
     * that is empty is {@code null}.
     */
    private Filtered filter(Step step, Message message, String path) {
        int number = sequence.incrementAndGet();
        Instant started = Instant.now();
        listener.stepStarted(path, null);
        Filtered filtered;
        try {
            filtered = guarded(path, null, null, () -> partition(step, message, path));
        } catch (StepError | StepTimeout e) {
            fail(step, path, number, message, started, e, "filter: ");
            return new Filtered(message, null);
        }
        boolean nothingPassed = filtered.passed() == null;
        boolean filterOnly = step.action() == null && step.forEach() == null && step.parallel().isEmpty();
        if (filterOnly || nothingPassed) {
            StepStatus status = nothingPassed ? StepStatus.FILTERED : StepStatus.SUCCEEDED;
            record(number, new StepRecord(path, step.action(), status, message, null, null, started, Instant.now()));
        }
        return filtered;
    }

    /**
     * Records a step that failed before or around its action, then ends the task unless the step
     * says {@code onError: continue} (timeouts of the job and cancellation end it regardless).
     */
    private void fail(Step step, String path, int number, Message input, Instant started, RuntimeException e, String what) {
        StepStatus status = e instanceof StepTimeout timeout ? timeout.status() : StepStatus.FAILED;
        String reason = what + e.getMessage();
        record(number, new StepRecord(path, step.action(), status, input, null, reason, started, Instant.now()));
        log(LogLine.Level.ERROR, path, reason);
        endUnlessContinued(step, path, status, reason);
    }

    private void endUnlessContinued(Step step, String path, StepStatus status, String reason) {
        if (status == StepStatus.CANCELLED) {
            abort(TaskStatus.CANCELLED, reason);
            throw new TaskFailed(reason);
        }
        if (status == StepStatus.TIMED_OUT && jobExpired()) {
            abort(TaskStatus.TIMED_OUT, reason);
            throw new TaskFailed(reason);
        }
        if (step.onError() == Step.OnError.FAIL) {
            abort(TaskStatus.FAILED, "step '" + path + "' " + (status == StepStatus.TIMED_OUT ? "timed out" : "failed")
                    + ": " + reason);
            throw new TaskFailed(reason);
        }
    }

    private Filtered partition(Step step, Message message, String path) {
        if (message.nodes().isEmpty() && message.items().isEmpty()) {
            boolean pass = test(step, message, path);
            return pass ? new Filtered(message, null) : new Filtered(null, message);
        }
        List<Node> passNodes = new ArrayList<>();
        List<Node> rejectNodes = new ArrayList<>();
        for (Node node : message.nodes()) {
            (test(step, message.withNodes(List.of(node)), path) ? passNodes : rejectNodes).add(node);
        }
        List<JsonNode> passItems = new ArrayList<>();
        List<JsonNode> rejectItems = new ArrayList<>();
        for (JsonNode item : message.items()) {
            (test(step, message.withItems(List.of(item)), path) ? passItems : rejectItems).add(item);
        }
        Message passed = passNodes.isEmpty() && passItems.isEmpty()
                ? null : message.withNodes(passNodes).withItems(passItems);
        Message rejected = rejectNodes.isEmpty() && rejectItems.isEmpty()
                ? null : message.withNodes(rejectNodes).withItems(rejectItems);
        return new Filtered(passed, rejected);
    }

    private boolean test(Step step, Message message, String path) {
        try {
            return expressions.test(step.filter(), scope(message, path, step));
        } catch (TemplateException e) {
            throw new StepError(e.located() + " in '" + e.source() + "'", e);
        }
    }

    private Path jobDirectory() {
        Path source = job.source();
        Path parent = source == null ? null : source.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    Scope scope(Message message, String path) {
        return new Scope(message, params, new Scope.Run(job.id(), taskId, startedAt, path)).withContexts(contexts);
    }

    /** The scope of a step: its script limits are the defaults, then the job's, then the step's own. */
    private Scope scope(Message message, String path, Step step) {
        Limits limits = Limits.defaults().with(job.limits()).with(step.limits());
        return scope(message, path).withLimits(limits);
    }

    private Message runAction(Step step, Message input, String path) {
        int number = sequence.incrementAndGet();
        Instant started = Instant.now();
        listener.stepStarted(path, step.action());
        StepContext context = new StepContext(this, path, number, input);
        StepStatus status;
        String error;
        StepResult result = null;
        try {
            RegisteredAction action = actions.find(step.action()).orElseThrow(() -> new StepError(
                    "unknown action '" + step.action() + "'; known actions: " + actions.ids()));
            result = guarded(path, step.timeout(), context, () -> {
                Scope scope = scope(input, path, step);
                ScriptStep script = action.action() instanceof ScriptStep s ? s : null;
                ObjectNode values = ParamValues.evaluate(action.descriptor(), step.params(), expressions, scope,
                        script == null ? Set.of() : script.rawParams());
                context.parameters(Parameters.of(values));
                StepResult returned;
                try {
                    returned = script == null ? action.action().run(context) : script.run(context, scope, jobDirectory());
                } catch (TemplateException e) {
                    throw new StepError(e.located(), e);
                }
                if (returned == null) {
                    throw new StepError("action '" + step.action() + "' returned no result");
                }
                return returned;
            });
            status = result.success() ? StepStatus.SUCCEEDED : StepStatus.FAILED;
            error = result.error();
        } catch (StepTimeout e) {
            status = e.status();
            error = e.getMessage();
        } catch (StepError e) {
            status = StepStatus.FAILED;
            error = e.getMessage();
        }
        Instant ended = Instant.now();
        boolean success = status == StepStatus.SUCCEEDED;
        Output output = success
                ? new Output(path, true, result.string(), result.json(), null, ended)
                : new Output(path, false, null, null, error, ended);
        Message base = success ? result.changedMessage().orElse(input) : input;
        Message out = base.withOutput(output);
        record(number, new StepRecord(path, step.action(), status, input, output, error, started, ended));
        if (!success) {
            log(LogLine.Level.ERROR, path, error);
            endUnlessContinued(step, path, status, error);
        }
        return out;
    }

    private Message fanOut(Step step, Message input, String path) {
        int number = sequence.incrementAndGet();
        Instant started = Instant.now();
        listener.stepStarted(path, null);
        Merge.Iterated iterated;
        List<Message> starts = new ArrayList<>();
        try {
            switch (step.forEach().trim()) {
                case "nodes" -> {
                    iterated = Merge.Iterated.NODES;
                    input.nodes().forEach(node -> starts.add(input.withNodes(List.of(node))));
                }
                case "items" -> {
                    iterated = Merge.Iterated.ITEMS;
                    input.items().forEach(item -> starts.add(input.withItems(List.of(item))));
                }
                default -> {
                    iterated = Merge.Iterated.ITEMS;
                    JsonNode elements = guarded(path, null, null, () -> renderForEach(step, input, path));
                    elements.forEach(element -> starts.add(input.withItems(List.of(element))));
                }
            }
        } catch (StepError | StepTimeout e) {
            fail(step, path, number, input, started, e, "forEach: ");
            return input;
        }
        List<Callable<Message>> branches = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Message start = starts.get(i);
            String prefix = path + "[" + i + "]";
            branches.add(() -> runSequence(step.doSteps(), start, prefix).message());
        }
        return joinBranches(step, input, path, number, started, branches,
                results -> Merge.merge(input, iterated, starts, results));
    }

    private JsonNode renderForEach(Step step, Message input, String path) {
        String template = step.forEach();
        JsonNode value;
        try {
            value = expressions.render(TextNode.valueOf(template), scope(input, path, step));
        } catch (TemplateException e) {
            throw new StepError(e.located() + " in '" + e.source() + "'", e);
        }
        if (!value.isArray()) {
            throw new StepError("'" + template + "' must give an array, not " + value);
        }
        return value;
    }

    private Message branches(Step step, Message input, String path) {
        int number = sequence.incrementAndGet();
        Instant started = Instant.now();
        listener.stepStarted(path, null);
        List<Message> starts = new ArrayList<>();
        List<Callable<Message>> branches = new ArrayList<>();
        for (int i = 0; i < step.parallel().size(); i++) {
            List<Step> branch = step.parallel().get(i);
            String prefix = path + "[" + i + "]";
            starts.add(input);
            branches.add(() -> runSequence(branch, input, prefix).message());
        }
        return joinBranches(step, input, path, number, started, branches,
                results -> Merge.merge(input, Merge.Iterated.NONE, starts, results));
    }

    /** Runs branches at once, waits for all of them, and merges their messages in branch order. */
    private Message joinBranches(Step step, Message input, String path, int number, Instant started,
            List<Callable<Message>> branches, java.util.function.Function<List<Message>, Message> merge) {
        List<Message> results = new ArrayList<>();
        RuntimeException failure = null;
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(BRANCHES)) {
            List<Future<Message>> futures = new ArrayList<>();
            for (Callable<Message> branch : branches) {
                futures.add(executor.submit(branch));
            }
            for (Future<Message> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new TaskFailed(e.getCause().toString());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abort(TaskStatus.CANCELLED, "task was cancelled");
                    failure = new TaskFailed("task was cancelled");
                }
            }
        }
        Instant ended = Instant.now();
        if (failure != null) {
            record(number, new StepRecord(path, null, StepStatus.FAILED, input, null, failure.getMessage(), started, ended));
            throw failure;
        }
        Message merged = merge.apply(results);
        record(number, new StepRecord(path, null, StepStatus.SUCCEEDED, input, null, null, started, ended));
        return merged;
    }

    /** A step that ran out of time, or was cancelled while it waited or ran. */
    static final class StepTimeout extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final StepStatus status;

        StepTimeout(StepStatus status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        StepStatus status() {
            return status;
        }
    }

    /**
     * Runs author or plugin code on a worker thread, holding one of the task's permits, within the
     * step's and the job's time limits.
     *
     * @throws StepError   for a failure the author can read (exceptions are turned into one)
     * @throws StepTimeout when a limit ran out or the task was cancelled
     */
    private <T> T guarded(String path, Duration stepTimeout, StepContext context, Callable<T> body) {
        try {
            if (!permits.tryAcquire(remainingNanos(), TimeUnit.NANOSECONDS)) {
                throw jobTimeout();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepTimeout(StepStatus.CANCELLED, "task was cancelled");
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
        Future<T> future;
        try {
            future = WORKERS.submit(() -> {
                try {
                    return body.call();
                } finally {
                    release.run();
                }
            });
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        long stepNanos = stepTimeout == null ? Long.MAX_VALUE : stepTimeout.toNanos();
        long waitNanos = Math.min(stepNanos, remainingNanos());
        try {
            return future.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel(future, context, release);
            if (stepTimeout != null && stepNanos <= remainingNanos()) {
                throw new StepTimeout(StepStatus.TIMED_OUT, "step timed out after " + Durations.format(stepTimeout));
            }
            throw jobTimeout();
        } catch (InterruptedException e) {
            cancel(future, context, release);
            Thread.currentThread().interrupt();
            throw new StepTimeout(StepStatus.CANCELLED, "task was cancelled");
        } catch (CancellationException e) {
            throw new StepTimeout(StepStatus.CANCELLED, "task was cancelled");
        } catch (ExecutionException e) {
            throw asStepError(e.getCause());
        }
    }

    private static void cancel(Future<?> future, StepContext context, Runnable release) {
        if (context != null) {
            context.cancel();
        }
        future.cancel(true);
        release.run();
    }

    private static RuntimeException asStepError(Throwable cause) {
        if (cause instanceof StepError error) {
            return error;
        }
        if (cause instanceof StepTimeout timeout) {
            return timeout;
        }
        if (cause instanceof io.flowhost.api.ActionCancelledException cancelled) {
            return new StepTimeout(StepStatus.CANCELLED, cancelled.getMessage());
        }
        String message = cause.getMessage();
        String reason = message == null || message.isBlank()
                ? cause.getClass().getName()
                : (cause instanceof RuntimeException && !(cause instanceof IllegalArgumentException)
                        && !(cause instanceof IllegalStateException) && !(cause instanceof UnsupportedOperationException)
                        ? cause.getClass().getSimpleName() + ": " + message : message);
        return new StepError(reason, cause);
    }

    private StepTimeout jobTimeout() {
        return new StepTimeout(StepStatus.TIMED_OUT,
                "job timed out after " + Durations.format(job.timeLimit().orElse(Duration.ZERO)));
    }

    private boolean jobExpired() {
        return System.nanoTime() - deadline >= 0 && deadline != Long.MAX_VALUE;
    }

    private long remainingNanos() {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
    }

    private void record(int number, StepRecord record) {
        synchronized (steps) {
            steps.add(new Numbered(number, record));
        }
        listener.stepEnded(record);
    }

    private void deleteScratch() {
        if (!Files.exists(scratchRoot)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(scratchRoot)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log(LogLine.Level.WARN, "", "could not delete scratch directory " + scratchRoot + ": " + e.getMessage());
        }
    }
}
