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
import io.flowhost.script.helpers.Secrets;
import io.flowhost.store.Artifact;
import io.flowhost.store.LogLine;
import io.flowhost.store.StepRecord;
import io.flowhost.store.StepStatus;
import io.flowhost.store.TaskStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * One task's run of a job: walks the sequences, runs actions under the task's concurrency and time
 * limits, merges fan-outs and branches, and records every step.
 *
 * <p>Threads: sequences, branches and a filter's tests are walked on virtual threads, which only
 * wait. Everything that runs job-author or plugin code (templates, filters, actions) goes through the
 * task's {@link Guard}: a platform worker thread holding one of the task's {@code maxConcurrency}
 * {@linkplain Slots slots}, so that a timeout can abandon it: an action that ignores interruption keeps
 * its thread, but never the task or the host.
 *
 * <p>Stopping: the first failure (without {@code onError: continue}), the job timeout or a
 * cancellation {@linkplain #abort aborts} the task. From then on no step starts: steps waiting for a
 * slot are recorded as {@link StepStatus#SKIPPED}, running code is cancelled and interrupted (recorded
 * as {@link StepStatus#CANCELLED}, or {@link StepStatus#TIMED_OUT} for the job timeout), and every
 * sequence ends without reaching its later steps, which are not recorded.
 */
final class Execution {
    private static final ThreadFactory BRANCHES = Thread.ofVirtual().name("flowhost-branch-", 0).factory();
    private static final ScheduledExecutorService TIMERS = timers();
    /** A fan-out runs this many lanes of items per slot: enough to keep the slots busy between steps. */
    private static final int LANES_PER_SLOT = 2;

    private final Job job;
    private final String taskId;
    private final Instant startedAt;
    private final ObjectNode params;
    private final ActionCatalog actions;
    private final Expressions expressions;
    private final TaskListener listener;
    private final Guard guard;
    private final StepSelector stopBefore;
    private final AtomicBoolean stoppedBefore = new AtomicBoolean();
    private final AtomicReference<Abort> abort = new AtomicReference<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Numbered> steps = new ArrayList<>();
    private final List<LogLine> logs = new ArrayList<>();
    private final Path scratchRoot;
    private final ChildJobs jobs;
    private final Path artifactsDir;
    private final java.util.Map<String, Artifact> artifacts = new java.util.LinkedHashMap<>();
    /** The task's sandbox contexts: pooled for its steps and items, closed when it ends. */
    private final ScriptContexts contexts = ScriptContexts.open();

    private record Numbered(int number, StepRecord record) {}

    /** Why the task stopped early: the first failure, timeout or cancellation wins. */
    record Abort(TaskStatus status, String reason) {}

    /** Takes the place of an abort once the walk has ended, so that a late timeout or cancel changes nothing. */
    private static final Abort FINISHED = new Abort(TaskStatus.SUCCEEDED, "finished");

    /** What a step hands back to its sequence: the message, and whether the sequence ends here. */
    private record Flow(Message message, boolean stop) {}

    /** Ends the walk of a task that has {@linkplain #abort aborted}; the reason is in {@link #aborted()}. */
    static final class TaskFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TaskFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    Execution(Job job, String taskId, Instant startedAt, ObjectNode params, ActionCatalog actions,
            Expressions expressions, TaskListener listener, Path scratchRoot, StepSelector stopBefore, ChildJobs jobs,
            Path artifactsDir) {
        this.jobs = jobs;
        this.artifactsDir = artifactsDir;
        this.job = job;
        this.taskId = taskId;
        this.startedAt = startedAt;
        this.params = params;
        this.actions = actions;
        this.expressions = expressions;
        this.listener = listener;
        this.guard = new Guard(this, listener, job.maxConcurrency());
        this.scratchRoot = scratchRoot;
        this.stopBefore = stopBefore;
    }

    private static ScheduledExecutorService timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "flowhost-job-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    /** Runs the job's top-level sequence; returns the message it ended with. */
    Message run(Message input) {
        ScheduledFuture<?> timeout = job.timeLimit().map(limit -> TIMERS.schedule(
                () -> abort(TaskStatus.TIMED_OUT, "job timed out after " + Durations.format(limit)),
                limit.toNanos(), TimeUnit.NANOSECONDS)).orElse(null);
        try {
            Message output = runSequence(job.steps(), input, "").message();
            abort.compareAndSet(null, FINISHED);
            return output;
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            contexts.close();
            deleteScratch();
        }
    }

    /** Stops the task, unless it has stopped already: the first reason wins. */
    void abort(TaskStatus status, String reason) {
        if (abort.compareAndSet(null, new Abort(status, reason))) {
            guard.stopAll();
        }
    }

    /** @return why the task stopped early, or {@code null} if it has not (or ran to its end) */
    Abort aborted() {
        Abort stop = abort.get();
        return stop == FINISHED ? null : stop;
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
        LogLine line = new LogLine(Instant.now(), level, step, Secrets.current().mask(text));
        synchronized (logs) {
            logs.add(line);
        }
        listener.log(line);
    }

    void progress(String step, double fraction, String note) {
        listener.progress(step, fraction, note);
    }

    ChildJobs jobs() {
        return jobs;
    }

    List<Artifact> artifacts() {
        synchronized (artifacts) {
            return List.copyOf(artifacts.values());
        }
    }

    /** Keeps a step's artifact: a value, or a copy of a file in the task's artifacts folder. */
    void attach(String step, String name, JsonNode json, Path file) throws IOException {
        java.util.Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("an artifact's name must be a file name, not '" + name + "'");
        }
        synchronized (artifacts) {
            if (artifacts.containsKey(name)) {
                throw new IllegalArgumentException("the task has an artifact named '" + name + "' already, from step '"
                        + artifacts.get(name).step() + "'");
            }
            Artifact artifact;
            if (file != null) {
                java.nio.file.Files.createDirectories(artifactsDir);
                Path copy = artifactsDir.resolve(name);
                java.nio.file.Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                artifact = new Artifact(step, name, null, copy, java.nio.file.Files.size(copy), Instant.now());
            } else {
                artifact = new Artifact(step, name, Secrets.current().mask(json), null, null, Instant.now());
            }
            artifacts.put(name, artifact);
        }
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
        Abort stop = aborted();
        if (stop != null) {
            throw new TaskFailed(stop.reason());
        }
        if (stopBefore != null && stopBefore.matches(step, path) && stoppedBefore.compareAndSet(false, true)) {
            listener.stoppedBefore(path, input);
            record(sequence.incrementAndGet(), new StepClock(path, step.action(), null)
                    .end(StepStatus.SKIPPED, input, null, "the task stopped before this step"));
            abort(TaskStatus.CANCELLED, "stopped before step '" + path + "'");
            throw new TaskFailed(aborted().reason());
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
            record(number, StepClock.startedNow(path, step.action()).end(StepStatus.BYPASSED, current, null, null));
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
     * that is empty is {@code null}. The step's {@code timeout} bounds the filter, from its first test.
     */
    private Filtered filter(Step step, Message message, String path) {
        int number = sequence.incrementAndGet();
        StepClock clock = new StepClock(path, null, step.timeout());
        Filtered filtered;
        try {
            filtered = partition(step, message, path, clock);
        } catch (StepError | Guard.Stopped e) {
            fail(step, clock, number, message, e, "filter: ");
            return new Filtered(message, null);
        }
        boolean nothingPassed = filtered.passed() == null;
        boolean filterOnly = step.action() == null && step.forEach() == null && step.parallel().isEmpty();
        if (filterOnly || nothingPassed) {
            StepStatus status = nothingPassed ? StepStatus.FILTERED : StepStatus.SUCCEEDED;
            record(number, clock.end(status, message, null, null));
        }
        return filtered;
    }

    /**
     * Records a step that failed or was stopped before or around its action, then ends the task
     * unless the step says {@code onError: continue} (a stopping task ends regardless).
     */
    private void fail(Step step, StepClock clock, int number, Message input, RuntimeException e, String what) {
        RuntimeException cause = e instanceof Guard.Stopped stopped && stopped.status() == StepStatus.SKIPPED
                && clock.started() ? guard.stopped(true) : e;
        StepStatus status = cause instanceof Guard.Stopped stopped ? stopped.status() : StepStatus.FAILED;
        String reason = (status == StepStatus.FAILED || status == StepStatus.TIMED_OUT ? what : "") + cause.getMessage();
        record(number, clock.end(status, input, null, reason));
        if (status == StepStatus.FAILED || status == StepStatus.TIMED_OUT) {
            log(LogLine.Level.ERROR, clock.path(), reason);
        }
        endUnlessContinued(step, clock.path(), status, reason);
    }

    private void endUnlessContinued(Step step, String path, StepStatus status, String reason) {
        if (aborted() != null) {
            throw new TaskFailed(reason); // the task is stopping: onError cannot keep it going
        }
        if (status == StepStatus.CANCELLED || status == StepStatus.SKIPPED) {
            abort(TaskStatus.CANCELLED, reason);
            throw new TaskFailed(reason);
        }
        if (step.onError() == Step.OnError.FAIL) {
            abort(TaskStatus.FAILED, "step '" + path + "' " + (status == StepStatus.TIMED_OUT ? "timed out" : "failed")
                    + ": " + reason);
            throw new TaskFailed(reason);
        }
    }

    private Filtered partition(Step step, Message message, String path, StepClock clock) {
        if (message.nodes().isEmpty() && message.items().isEmpty()) {
            boolean pass = guard.run(clock, null, () -> test(step, message, path));
            return pass ? new Filtered(message, null) : new Filtered(null, message);
        }
        List<Message> singles = new ArrayList<>();
        message.nodes().forEach(node -> singles.add(message.withNodes(List.of(node))));
        message.items().forEach(item -> singles.add(message.withItems(List.of(item))));
        boolean[] passes = testEach(step, singles, path, clock);
        List<Node> passNodes = new ArrayList<>();
        List<Node> rejectNodes = new ArrayList<>();
        int index = 0;
        for (Node node : message.nodes()) {
            (passes[index++] ? passNodes : rejectNodes).add(node);
        }
        List<JsonNode> passItems = new ArrayList<>();
        List<JsonNode> rejectItems = new ArrayList<>();
        for (JsonNode item : message.items()) {
            (passes[index++] ? passItems : rejectItems).add(item);
        }
        Message passed = passNodes.isEmpty() && passItems.isEmpty()
                ? null : message.withNodes(passNodes).withItems(passItems);
        Message rejected = rejectNodes.isEmpty() && rejectItems.isEmpty()
                ? null : message.withNodes(rejectNodes).withItems(rejectItems);
        return new Filtered(passed, rejected);
    }

    /**
     * Tests each message at once, as a fan-out runs its elements: under the task's slots. The first
     * test that fails stops the others: they are interrupted, and those still waiting do not start.
     */
    private boolean[] testEach(Step step, List<Message> singles, String path, StepClock clock) {
        boolean[] passes = new boolean[singles.size()];
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Semaphore admission = new Semaphore(guard.slots() * LANES_PER_SLOT);
        try (ExecutorService tests = Executors.newThreadPerTaskExecutor(BRANCHES)) {
            for (int i = 0; i < singles.size() && failure.get() == null; i++) {
                int index = i;
                try {
                    admission.acquire();
                    tests.execute(() -> {
                        try {
                            passes[index] = guard.run(clock, null, () -> test(step, singles.get(index), path));
                        } catch (RuntimeException e) {
                            if (failure.compareAndSet(null, e)) {
                                tests.shutdownNow();
                            }
                        } finally {
                            admission.release();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    admission.release();
                    break; // a test failed and shut the others down
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, new Guard.Stopped(StepStatus.CANCELLED, "cancelled"));
                    break;
                }
            }
        }
        // close() has waited for every test, so their results are visible here
        if (failure.get() != null) {
            throw failure.get();
        }
        return passes;
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
        StepClock clock = new StepClock(path, step.action(), step.timeout());
        StepContext context = new StepContext(this, path, number, input);
        StepStatus status;
        String error;
        StepResult result = null;
        try {
            RegisteredAction action = actions.find(step.action()).orElseThrow(() -> new StepError(
                    "unknown action '" + step.action() + "'; " + actions.known(step.action())));
            result = guard.run(clock, context, () -> {
                Scope scope = scope(input, path, step);
                ScriptStep script = action.action() instanceof ScriptStep s ? s : null;
                context.settings(action.settings());
                context.parameters(ParamValues.evaluate(action.descriptor(), step.params(), expressions, scope,
                        script == null ? Set.of() : script.rawParams(), script == null));
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
        } catch (Guard.Stopped e) {
            status = e.status();
            error = e.getMessage();
        } catch (StepError e) {
            status = StepStatus.FAILED;
            error = e.getMessage();
            if (e.getCause() != null) {
                listener.stepFailed(path, e.getCause());
            }
        }
        Instant ended = clock.endTime();
        boolean success = status == StepStatus.SUCCEEDED;
        Output output = success
                ? new Output(path, true, result.string(), result.jsonView(), null, ended)
                : status == StepStatus.SKIPPED ? null : new Output(path, false, null, null, error, ended);
        Message base = success ? result.changedMessage().orElse(input) : input;
        Message out = output == null ? base : base.withOutput(output);
        record(number, clock.end(status, input, output, error, ended));
        if (!success) {
            if (status == StepStatus.FAILED || status == StepStatus.TIMED_OUT) {
                log(LogLine.Level.ERROR, path, error);
            }
            endUnlessContinued(step, path, status, error);
        }
        return out;
    }

    private Message fanOut(Step step, Message input, String path) {
        int number = sequence.incrementAndGet();
        StepClock clock = StepClock.startedNow(path, null);
        listener.stepStarted(path, null);
        Merge.Iterated iterated;
        List<?> elements;
        try {
            switch (step.forEach().trim()) {
                case "nodes" -> {
                    iterated = Merge.Iterated.NODES;
                    elements = input.nodes();
                }
                case "items" -> {
                    iterated = Merge.Iterated.ITEMS;
                    elements = input.items();
                }
                default -> {
                    iterated = Merge.Iterated.ITEMS;
                    JsonNode array = guard.run(clock, null, () -> renderForEach(step, input, path));
                    List<JsonNode> list = new ArrayList<>(array.size());
                    array.forEach(list::add);
                    elements = list;
                }
            }
        } catch (StepError | Guard.Stopped e) {
            fail(step, clock, number, input, e, "forEach: ");
            return input;
        }
        // an item's message is made when the item is admitted, and kept for the merge
        Message[] starts = new Message[elements.size()];
        IntFunction<Message> start = i -> {
            if (starts[i] == null) {
                Object element = elements.get(i);
                starts[i] = iterated == Merge.Iterated.NODES ? input.withNodes(List.of((Node) element))
                        : input.withItems(List.of((JsonNode) element));
            }
            return starts[i];
        };
        listener.fanOutStarted(path, elements.size());
        Step first = step.doSteps().get(0);
        return joinBranches(input, clock, number, elements.size(), guard.slots() * LANES_PER_SLOT,
                i -> {
                    Message item = start.apply(i);
                    String prefix = path + "[" + i + "]";
                    return () -> {
                        try {
                            return runSequence(step.doSteps(), item, prefix).message();
                        } finally {
                            listener.fanOutItemEnded(path, i);
                        }
                    };
                },
                i -> notStarted(first, path + "[" + i + "]/" + first.id(), start.apply(i)),
                results -> Merge.merge(input, iterated, java.util.Arrays.asList(starts), results));
    }

    /** Records the first step of a fan-out item that the task's stop kept from starting. */
    private void notStarted(Step first, String path, Message input) {
        Guard.Stopped stopped = guard.stopped(false);
        record(sequence.incrementAndGet(), new StepClock(path, first.action(), null)
                .end(StepStatus.SKIPPED, input, null, stopped.getMessage()));
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
        StepClock clock = StepClock.startedNow(path, null);
        listener.stepStarted(path, null);
        List<Message> starts = new ArrayList<>();
        for (int i = 0; i < step.parallel().size(); i++) {
            starts.add(input);
        }
        return joinBranches(input, clock, number, step.parallel().size(), step.parallel().size(),
                i -> () -> runSequence(step.parallel().get(i), input, path + "[" + i + "]").message(),
                i -> {}, // every branch is admitted at once
                results -> Merge.merge(input, Merge.Iterated.NONE, starts, results));
    }

    /**
     * Runs branches at once, at most {@code lanes} at a time, waits for all of them, and merges their
     * messages in branch order. A branch that fails has aborted the task, which stops the other
     * branches; those it kept from starting are handed to {@code notStarted}.
     *
     * <p>Each lane is a thread that runs one branch after another, taking the next that nobody took:
     * a fan-out of 100,000 items neither parks 100,000 threads (a few KiB of stack each) that would only
     * wait for one of the task's slots, nor starts a thread per item.
     */
    private Message joinBranches(Message input, StepClock clock, int number, int count, int lanes,
            IntFunction<Callable<Message>> branch, IntConsumer notStarted, Function<List<Message>, Message> merge) {
        Message[] results = new Message[count];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(BRANCHES)) {
            for (int lane = 0; lane < Math.min(Math.max(1, lanes), count); lane++) {
                executor.execute(() -> {
                    int i;
                    while (failed.get() == null && (i = next.getAndIncrement()) < count) {
                        Abort stop = aborted();
                        if (stop != null) { // the task stopped: this one does not start, nor do those after it
                            notStarted.accept(i);
                            failed.compareAndSet(null, new TaskFailed(stop.reason()));
                            return;
                        }
                        try {
                            results[i] = branch.apply(i).call();
                        } catch (RuntimeException e) {
                            failed.compareAndSet(null, e);
                        } catch (Exception e) {
                            failed.compareAndSet(null, new TaskFailed(e.toString()));
                        }
                    }
                });
            }
        } // close() waits for every lane, so their results are visible here
        if (Thread.currentThread().isInterrupted()) {
            abort(TaskStatus.CANCELLED, "task was cancelled");
        }
        int started = Math.min(next.get(), count);
        RuntimeException failure = failed.get();
        if (started < count && aborted() != null) {
            for (int i = started; i < count; i++) {
                notStarted.accept(i);
            }
            if (failure == null) {
                failure = new TaskFailed(aborted().reason());
            }
        }
        if (failure != null) {
            Abort stop = aborted();
            StepStatus status = stop == null || stop.status() == TaskStatus.FAILED ? StepStatus.FAILED
                    : stop.status() == TaskStatus.TIMED_OUT ? StepStatus.TIMED_OUT : StepStatus.CANCELLED;
            record(number, clock.end(status, input, null, stop == null ? failure.getMessage() : stop.reason(),
                    Instant.now()));
            throw failure;
        }
        Message merged = merge.apply(java.util.Arrays.asList(results));
        record(number, clock.end(StepStatus.SUCCEEDED, input, null, null, Instant.now()));
        return merged;
    }

    private void record(int number, StepRecord unmasked) {
        StepRecord record = masked(unmasked);
        synchronized (steps) {
            steps.add(new Numbered(number, record));
        }
        listener.stepEnded(record);
    }

    /** The record with secret values masked in its error and output: they are on their way out (listeners, the store). */
    private static StepRecord masked(StepRecord record) {
        Secrets secrets = Secrets.current();
        Output output = record.output();
        Output maskedOutput = output;
        if (output != null) {
            String string = secrets.mask(output.string());
            JsonNode json = output.jsonView() == null ? null : secrets.mask(output.jsonView());
            String error = secrets.mask(output.error());
            if (string != output.string() || json != output.jsonView() || error != output.error()) {
                maskedOutput = new Output(output.step(), output.success(), string, json, error, output.time());
            }
        }
        Message input = StepRecord.keepsInput(record.path(), record.status()) ? record.input() : null;
        return new StepRecord(record.path(), record.action(), record.status(), input, maskedOutput,
                secrets.mask(record.error()), record.queuedAt(), record.startedAt(), record.endedAt());
    }

    private void deleteScratch() {
        try {
            Scratch.delete(scratchRoot);
        } catch (IOException e) {
            log(LogLine.Level.WARN, "", "could not delete scratch directory " + scratchRoot + ": " + e.getMessage());
        }
    }
}
