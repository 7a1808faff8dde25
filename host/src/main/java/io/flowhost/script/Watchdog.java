package io.flowhost.script;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.graalvm.polyglot.Context;

/**
 * Stops evaluations that run too long, take too much memory, or whose step was cancelled, by
 * closing their context ({@code Context.close(true)}), the one way to stop guest code in the
 * community edition.
 *
 * <p>One daemon thread polls every guarded evaluation; it only decides. Closing a context waits
 * while its thread is in host code, so closes run on threads of their own: stopping one evaluation
 * never delays checking the others.
 *
 * <p>Memory: community GraalJS has no heap limit, and the thread's allocation counter counts
 * garbage too (an honest loop allocates hundreds of MiB a second in the interpreter), so it is not
 * the limit itself. An evaluation is stopped for memory when
 * <ul>
 *   <li>it allocates more than its budget between two polls (5 ms): a single huge allocation, far
 *       beyond the rate of any loop; or
 *   <li>the host's memory runs short (the heap is more than {@value #PRESSURE_PERCENT}% full after a
 *       collection) and it has allocated more than its budget: the largest such evaluation first,
 *       then the next after the next collection if memory is still short.
 * </ul>
 * An allocation larger than the free heap fails in the evaluation that made it, which GraalJS
 * reports as resource exhaustion: that evaluation fails and the host goes on.
 */
final class Watchdog {
    private static final long POLL_MILLIS = 5;
    static final int PRESSURE_PERCENT = 80;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Set<Guard> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean MEMORY_SHORT = new AtomicBoolean();
    private static final AtomicInteger STOPPER_NUMBER = new AtomicInteger();
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flowhost-script-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private static final ExecutorService STOPPERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "flowhost-script-stop-" + STOPPER_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    static {
        THREADS.setThreadAllocatedMemoryEnabled(true);
        POLLER.scheduleWithFixedDelay(Watchdog::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        afterCollection(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
                    }
                }, null, null);
            }
        }
    }

    /** Why the watchdog stopped an evaluation. */
    enum Reason {
        TIMEOUT, ALLOCATION, MEMORY, CANCELLED;

        String message(Guard guard, Limits limits) {
            return switch (this) {
                case TIMEOUT -> "script timed out after " + Limits.time(limits.timeout());
                case ALLOCATION -> "script exceeded its memory limit: it allocated " + Limits.size(guard.burst)
                        + " at once, more than its " + Limits.size(limits.memoryBytes());
                case MEMORY -> "script exceeded its memory limit: the host's memory ran short while it held up to "
                        + Limits.size(guard.allocated) + ", more than its " + Limits.size(limits.memoryBytes());
                case CANCELLED -> "script was cancelled";
            };
        }
    }

    private Watchdog() {}

    /** Watches the calling thread's evaluation in {@code context} until the guard is finished. */
    static Guard watch(Context context, Limits limits, BooleanSupplier cancelled) {
        long thread = Thread.currentThread().threadId();
        long allocated = Thread.currentThread().isVirtual() ? -1 : THREADS.getCurrentThreadAllocatedBytes();
        Guard guard = new Guard(context, thread, allocated, System.nanoTime() + limits.timeout().toNanos(),
                limits.memoryBytes(), cancelled);
        ACTIVE.add(guard);
        return guard;
    }

    private static void afterCollection(GarbageCollectionNotificationInfo info) {
        long used = 0;
        for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
            used += usage.getUsed();
        }
        long max = Runtime.getRuntime().maxMemory();
        if (used > max / 100 * PRESSURE_PERCENT) {
            MEMORY_SHORT.set(true);
        }
    }

    private static void poll() {
        try {
            long now = System.nanoTime();
            Guard largest = null;
            boolean memoryShort = MEMORY_SHORT.getAndSet(false);
            for (Guard guard : ACTIVE) {
                if (guard.cancelled.getAsBoolean()) {
                    guard.stop(Reason.CANCELLED);
                } else if (now - guard.deadline > 0) {
                    guard.stop(Reason.TIMEOUT);
                } else if (guard.allocatedAtStart >= 0) {
                    long allocated = THREADS.getThreadAllocatedBytes(guard.thread) - guard.allocatedAtStart;
                    long burst = allocated - guard.allocated;
                    guard.allocated = allocated;
                    if (burst > guard.memoryBytes + guard.allowance) {
                        guard.burst = burst;
                        guard.stop(Reason.ALLOCATION);
                    } else if (memoryShort && allocated > guard.memoryBytes
                            && (largest == null || allocated > largest.allocated)) {
                        largest = guard;
                    }
                }
            }
            if (largest != null) {
                largest.stop(Reason.MEMORY);
            }
        } catch (RuntimeException e) {
            // a failing cancellation check must not end the polling of every other evaluation
        }
    }

    /** One watched evaluation. */
    static final class Guard {
        /** The state once the evaluation finished by itself; {@code null} while it runs, a {@link Reason} once stopped. */
        private static final Object FINISHED = new Object();

        private final Context context;
        private final long thread;
        private final long allocatedAtStart;
        private final long deadline;
        private final long memoryBytes;
        private final BooleanSupplier cancelled;
        private final AtomicReference<Object> state = new AtomicReference<>();
        /** Bytes allocated since the start, as of the last poll (poller thread only). */
        private long allocated;
        /** The allocation between two polls that stopped it. */
        private volatile long burst;
        /** Bytes a burst may hold on top of the budget: the copy of the scope handed in. */
        private volatile long allowance;

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
            return state.get() instanceof Reason reason ? reason : null;
        }

        void allow(long bytes) {
            allowance = Math.max(allowance, bytes);
        }

        /**
         * Stops the evaluation unless it already finished: the two race, and exactly one wins, so a
         * stop never reaches a context that has gone back to its owner's pool.
         */
        private void stop(Reason why) {
            if (!state.compareAndSet(null, why)) {
                return;
            }
            ACTIVE.remove(this);
            STOPPERS.execute(() -> {
                try {
                    context.close(true);
                } catch (RuntimeException e) {
                    // closing races with the evaluation ending by itself; either way it is over
                }
            });
        }

        /**
         * Ends the watch.
         *
         * @return {@code true} when the evaluation finished by itself, {@code false} when the watchdog
         *         stopped it (its context is being closed and must not be used again)
         */
        boolean finish() {
            ACTIVE.remove(this);
            return state.compareAndSet(null, FINISHED);
        }
    }
}
