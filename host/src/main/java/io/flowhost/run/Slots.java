package io.flowhost.run;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A task's {@code maxConcurrency} slots: one is held by every thread that runs author or plugin code
 * for the task. Thread-safe.
 *
 * <p>A thread whose action ignored its cancellation is abandoned by the runner but goes on running.
 * It keeps counting against the slots until it ends, except that up to {@code maxConcurrency} of a
 * task's abandoned threads are let go of their slot, so that a few stubborn actions do not stall the
 * task. A task therefore never has more than twice {@code maxConcurrency} threads running its code.
 *
 * <p>Unlike a {@link java.util.concurrent.Semaphore}, a wait for a slot also ends when the task
 * stops: {@link #wakeAll()} makes every waiter check its stop condition again.
 */
final class Slots {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int size;
    private int taken;
    private int released;

    Slots(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, not " + size);
        }
        this.size = size;
    }

    /** @return the number of slots, which is also how many abandoned threads may stop counting */
    int size() {
        return size;
    }

    /**
     * Waits for a free slot. Waiters are woken in the order they came, but the lock is not fair: a
     * thread that finds a slot free takes it, even if a woken waiter has yet to. A fair lock made every
     * hand-over a park and an unpark, and cost a fan-out item 40% of its time.
     *
     * @param stopped checked before each wait; when it says true, the wait ends without a slot
     * @return whether a slot was taken
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    boolean acquire(BooleanSupplier stopped) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!stopped.getAsBoolean()) {
                if (taken < size) {
                    taken++;
                    return true;
                }
                changed.await();
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a slot taken by {@link #acquire}. */
    void release() {
        lock.lock();
        try {
            taken--;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * An abandoned thread holds a slot: lets go of it unless {@link #size()} abandoned threads already
     * did. A call that frees the slot must be followed by {@link #abandonedEnded()} when the thread ends;
     * otherwise the thread keeps its slot and gives it back with {@link #release()}.
     *
     * @return how many abandoned threads run without a slot now, this one included; 0 if the slot was kept
     */
    int releaseAbandoned() {
        lock.lock();
        try {
            if (released >= size) {
                return 0;
            }
            released++;
            taken--;
            changed.signal();
            return released;
        } finally {
            lock.unlock();
        }
    }

    /** An abandoned thread that had let go of its slot has ended. */
    void abandonedEnded() {
        lock.lock();
        try {
            released--;
        } finally {
            lock.unlock();
        }
    }

    /** Makes every waiting thread check its stop condition again. */
    void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
