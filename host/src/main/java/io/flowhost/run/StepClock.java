package io.flowhost.run;

import io.flowhost.api.Message;
import io.flowhost.api.Output;
import io.flowhost.store.StepRecord;
import io.flowhost.store.StepStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * The times of one step execution: when the runner reached it (queued), when its code first got a
 * concurrency slot and ran (started), and, from that start, when its own {@code timeout} runs out.
 * Thread-safe: a filter's tests start it from several threads, the first one wins.
 */
final class StepClock {
    private final String path;
    private final String action;
    private final Duration timeout;
    private final Instant queuedAt = Instant.now();
    private Instant startedAt;
    private Instant codeEndedAt;
    private long deadline = Long.MAX_VALUE;

    /**
     * @param timeout the step's own limit, counted from its start, or {@code null}
     */
    StepClock(String path, String action, Duration timeout) {
        this.path = path;
        this.action = action;
        this.timeout = timeout;
    }

    /** A step with nothing to wait for (branches, fan-outs, bypassed steps): it starts when it is reached. */
    static StepClock startedNow(String path, String action) {
        StepClock clock = new StepClock(path, action, null);
        clock.start();
        return clock;
    }

    String path() {
        return path;
    }

    String action() {
        return action;
    }

    Duration timeout() {
        return timeout;
    }

    /** @return whether this call started the step (the first call does) */
    synchronized boolean start() {
        if (startedAt != null) {
            return false;
        }
        startedAt = Instant.now();
        if (timeout != null) {
            deadline = System.nanoTime() + timeout.toNanos();
        }
        return true;
    }

    /**
     * The step's code has ended (for a filter, one of its tests): the step ends then, not when its
     * sequence gets round to recording it, by which time its slot may serve the next step.
     */
    synchronized void codeEnded() {
        codeEndedAt = Instant.now();
    }

    /** @return when the step's code last ended, or now if it never did (it was abandoned, or never ran) */
    synchronized Instant endTime() {
        return codeEndedAt != null ? codeEndedAt : Instant.now();
    }

    synchronized boolean started() {
        return startedAt != null;
    }

    /** @return nanoseconds until the step's own timeout runs out (0 when it has), or {@link Long#MAX_VALUE} */
    synchronized long remainingNanos() {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
    }

    /**
     * The record of this execution as it ends now. A step that never started ({@link StepStatus#SKIPPED})
     * has no start; a step that failed before its code could run (an unknown action) started when it
     * was reached.
     */
    StepRecord end(StepStatus status, Message input, Output output, String error) {
        return end(status, input, output, error, endTime());
    }

    /** As {@link #end(StepStatus, Message, Output, String)}, ending at {@code endedAt}. */
    synchronized StepRecord end(StepStatus status, Message input, Output output, String error, Instant endedAt) {
        Instant started = status == StepStatus.SKIPPED ? null : startedAt == null ? queuedAt : startedAt;
        return new StepRecord(path, action, status, input, output, error, queuedAt, started, endedAt);
    }
}
