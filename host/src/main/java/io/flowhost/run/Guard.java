package io.flowhost.run;

import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.Durations;
import io.flowhost.plugins.PluginCatalog;
import io.flowhost.plugins.PluginExits;
import io.flowhost.store.LogLine;
import io.flowhost.store.StepStatus;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task's author and plugin code (templates, filters, actions): each call on a platform
 * worker thread, holding one of the task's {@linkplain Slots slots}, within its step's own timeout,
 * and stopped as soon as the task stops.
 *
 * <p>Stopping a call sets its action's cancellation flag and interrupts its thread; the call then has
 * {@link #CANCEL_GRACE} to end. An action that ignores both keeps its thread, which the task abandons
 * (and says so in its log): the step ends, the thread runs on, and {@link Slots} decides whether it
 * still counts against the task's concurrency.
 */
final class Guard {
    /** How long stopped code has to end before its thread is abandoned. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(1);

    private static final AtomicInteger WORKER_NUMBER = new AtomicInteger();
    /**
     * Scripts run on these threads: a JavaScript call takes a few KiB of stack in the interpreter, so
     * the default 1 MiB stack stopped recursion at about 500 levels. Only what is touched is committed.
     */
    private static final long WORKER_STACK_BYTES = 16L * 1024 * 1024;
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(null, runnable, "flowhost-worker-" + WORKER_NUMBER.incrementAndGet(),
                WORKER_STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    });

    private final Execution execution;
    private final TaskListener listener;
    private final Slots slots;
    private final Set<Call> running = ConcurrentHashMap.newKeySet();

    Guard(Execution execution, TaskListener listener, int maxConcurrency) {
        this.execution = execution;
        this.listener = listener;
        this.slots = new Slots(maxConcurrency);
    }

    /**
     * Why a step's code did not run to its end: its own timeout ({@link StepStatus#TIMED_OUT}), the
     * task stopping while it ran ({@code TIMED_OUT} for a job timeout, else {@link StepStatus#CANCELLED}),
     * or the task stopping before it could start ({@link StepStatus#SKIPPED}). The message is the reason.
     */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final StepStatus status;

        Stopped(StepStatus status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        StepStatus status() {
            return status;
        }
    }

    /**
     * Runs {@code body} for the step {@code clock} times; starts the clock when the body gets its slot.
     *
     * @param context the action's context, told when it is cancelled, or {@code null} for an evaluation
     * @throws StepError for a failure the author can read (exceptions are turned into one)
     * @throws Stopped   when a limit ran out or the task stopped
     */
    <T> T run(StepClock clock, StepContext context, Callable<T> body) {
        takeSlot(clock);
        if (clock.start()) {
            listener.stepStarted(clock.path(), clock.action());
        }
        Call call = new Call(context, clock);
        Future<T> future;
        try {
            future = WORKERS.submit(() -> {
                try {
                    return body.call();
                } finally {
                    call.ended();
                }
            });
        } catch (RuntimeException e) {
            call.ended();
            throw e;
        }
        call.future = future;
        running.add(call);
        try {
            if (execution.aborted() != null) {
                call.stop(); // the task stopped between the slot and here: stopAll() did not see this call
            }
            return future.get(clock.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.stop();
            awaitOrAbandon(call, clock);
            throw new Stopped(StepStatus.TIMED_OUT, "step timed out after " + Durations.format(clock.timeout()));
        } catch (CancellationException e) {
            awaitOrAbandon(call, clock);
            throw stopped(true);
        } catch (InterruptedException e) {
            // the caller gives up on this call (a filter whose other test failed)
            call.stop();
            awaitOrAbandon(call, clock);
            Thread.currentThread().interrupt();
            throw new Stopped(StepStatus.CANCELLED, "cancelled");
        } catch (ExecutionException e) {
            if (call.stopped()) {
                throw stopped(true); // what the action threw on being stopped is not its own failure
            }
            throw asStepError(e.getCause());
        } finally {
            running.remove(call);
        }
    }

    private void takeSlot(StepClock clock) {
        boolean taken;
        try {
            taken = slots.acquire(() -> execution.aborted() != null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped(clock.started() ? StepStatus.CANCELLED : StepStatus.SKIPPED, "cancelled");
        }
        if (!taken) {
            throw stopped(clock.started());
        }
        if (clock.started() && clock.remainingNanos() == 0) {
            // a filter's later test got its slot after the filter's time ran out
            slots.release();
            throw new Stopped(StepStatus.TIMED_OUT, "step timed out after " + Durations.format(clock.timeout()));
        }
    }

    /** @return the task's {@code maxConcurrency}: how many calls run at once */
    int slots() {
        return slots.size();
    }

    /** Stops every call that runs now; the task has stopped. Calls waiting for a slot are woken and give up. */
    void stopAll() {
        running.forEach(Call::stop);
        slots.wakeAll();
    }

    /** What a step gets when the task stopped while it ran ({@code started}) or before it could start. */
    Stopped stopped(boolean started) {
        Execution.Abort abort = execution.aborted();
        String reason = abort == null ? "cancelled" : abort.reason();
        if (!started) {
            return new Stopped(StepStatus.SKIPPED, "not started: " + reason);
        }
        if (abort == null) {
            return new Stopped(StepStatus.CANCELLED, reason);
        }
        return switch (abort.status()) {
            case TIMED_OUT -> new Stopped(StepStatus.TIMED_OUT, reason);
            case FAILED -> new Stopped(StepStatus.CANCELLED, "cancelled: " + reason);
            default -> new Stopped(StepStatus.CANCELLED, reason);
        };
    }

    private void awaitOrAbandon(Call call, StepClock clock) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + CANCEL_GRACE.toNanos();
        try {
            while (true) {
                try {
                    if (call.awaitEnd(deadline - System.nanoTime())) {
                        return;
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        String who = call.context == null ? "the evaluation" : "the action";
        String grace = Durations.format(CANCEL_GRACE);
        int released = call.abandon();
        if (released >= 0) {
            clock.codeEnded(); // given up: the step ends now, its thread runs on
        }
        if (released > 0) {
            execution.log(LogLine.Level.WARN, clock.path(), who + " ignored its cancellation for " + grace
                    + "; its thread is abandoned and no longer counts against maxConcurrency (" + released
                    + " of at most " + slots.size() + " such threads)");
        } else if (released == 0) {
            execution.log(LogLine.Level.WARN, clock.path(), who + " ignored its cancellation for " + grace
                    + "; its thread is abandoned but keeps its concurrency slot until it ends (the task already has "
                    + slots.size() + " abandoned threads that do not count, the most it may have)");
        }
    }

    static RuntimeException asStepError(Throwable cause) {
        if (cause instanceof StepError error) {
            return error;
        }
        if (cause instanceof Stopped stopped) {
            return stopped;
        }
        if (cause instanceof ActionCancelledException cancelled) {
            return new Stopped(StepStatus.CANCELLED, cancelled.getMessage());
        }
        String message = cause.getMessage();
        if (cause instanceof NoClassDefFoundError && message != null) {
            // The JVM names the class in internal form only: 'org/apache/commons/io/FilenameUtils'.
            return new StepError("class " + message.replace('/', '.') + " is missing: the plugin's jar does not have it "
                    + "and " + PluginCatalog.SHARED_WORDS + " (bundle it into the plugin's jar)", cause);
        }
        if (cause instanceof Error && !(cause instanceof PluginExits.Refused) && message != null) {
            return new StepError(cause.getClass().getSimpleName() + ": " + message, cause);
        }
        String reason = message == null || message.isBlank()
                ? cause.getClass().getName()
                : (cause instanceof RuntimeException && !(cause instanceof IllegalArgumentException)
                        && !(cause instanceof IllegalStateException) && !(cause instanceof UnsupportedOperationException)
                        ? cause.getClass().getSimpleName() + ": " + message : message);
        return new StepError(reason, cause);
    }

    /** One body on a worker thread, and the slot it holds. */
    private final class Call {
        private final StepContext context;
        private final StepClock clock;
        private final CountDownLatch end = new CountDownLatch(1);
        private volatile Future<?> future;
        private volatile boolean stopped;
        private boolean ended;
        private Boolean abandoned; // null while it is not; then whether its slot was released

        Call(StepContext context, StepClock clock) {
            this.context = context;
            this.clock = clock;
        }

        void stop() {
            stopped = true;
            if (context != null) {
                context.cancel();
            }
            Future<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
        }

        boolean stopped() {
            return stopped;
        }

        boolean awaitEnd(long nanos) throws InterruptedException {
            return end.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }

        /** The body has ended, normally or not: gives its slot back unless it was released when abandoned. */
        synchronized void ended() {
            ended = true;
            if (abandoned == null) {
                clock.codeEnded(); // an abandoned body's end is not its step's: the step ended when it was given up
            }
            if (Boolean.TRUE.equals(abandoned)) {
                slots.abandonedEnded();
            } else {
                slots.release();
            }
            end.countDown();
        }

        /**
         * @return -1 if the body ended after all; else how many abandoned threads run without a slot now,
         *     this one included, or 0 if this one keeps its slot
         */
        synchronized int abandon() {
            if (ended) {
                return -1;
            }
            int released = slots.releaseAbandoned();
            abandoned = released > 0;
            return released;
        }
    }
}
