package io.flowhost.script;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Context;

/**
 * Stops evaluations that run too long, allocate too much, or whose step was cancelled, by closing
 * their context from its own thread ({@code Context.close(true)}), the one way to stop guest code
 * in the community edition. One daemon thread polls every guarded evaluation.
 */
final class Watchdog {
    private static final long POLL_MILLIS = 5;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Set<Guard> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flowhost-script-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        POLLER.scheduleWithFixedDelay(Watchdog::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    /** Why the watchdog stopped an evaluation. */
    enum Reason { TIMEOUT, MEMORY, CANCELLED }

    private Watchdog() {}

    /** Watches the calling thread's evaluation in {@code context} until the guard is closed. */
    static Guard watch(Context context, Limits limits, BooleanSupplier cancelled) {
        long thread = Thread.currentThread().threadId();
        Guard guard = new Guard(context, thread, THREADS.getCurrentThreadAllocatedBytes(),
                System.nanoTime() + limits.timeout().toNanos(), limits.memoryBytes(), cancelled);
        ACTIVE.add(guard);
        return guard;
    }

    private static void poll() {
        long now = System.nanoTime();
        for (Guard guard : ACTIVE) {
            if (guard.cancelled.getAsBoolean()) {
                guard.stop(Reason.CANCELLED);
            } else if (now - guard.deadline > 0) {
                guard.stop(Reason.TIMEOUT);
            } else if (THREADS.getThreadAllocatedBytes(guard.thread) - guard.allocatedAtStart > guard.memoryBytes) {
                guard.stop(Reason.MEMORY);
            }
        }
    }

    /** One watched evaluation. */
    static final class Guard implements AutoCloseable {
        private final Context context;
        private final long thread;
        private final long allocatedAtStart;
        private final long deadline;
        private final long memoryBytes;
        private final BooleanSupplier cancelled;
        private volatile Reason reason;

        private Guard(Context context, long thread, long allocatedAtStart, long deadline, long memoryBytes,
                BooleanSupplier cancelled) {
            this.context = context;
            this.thread = thread;
            this.allocatedAtStart = allocatedAtStart;
            this.deadline = deadline;
            this.memoryBytes = memoryBytes;
            this.cancelled = cancelled;
        }

        /** @return why the watchdog stopped the evaluation, or {@code null} if it did not */
        Reason reason() {
            return reason;
        }

        private void stop(Reason why) {
            if (reason != null) {
                return;
            }
            reason = why;
            ACTIVE.remove(this);
            try {
                context.close(true);
            } catch (RuntimeException e) {
                // closing races with the evaluation ending by itself; either way it is over
            }
        }

        @Override
        public void close() {
            ACTIVE.remove(this);
        }
    }
}
