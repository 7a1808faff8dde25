package io.flowhost.store;

import java.time.Duration;

/**
 * How long ended tasks are kept, for each job on its own: a task goes when it is neither among its
 * job's {@code keepLast} newest nor younger than {@code keepFor}. Tasks waiting or running are
 * always kept.
 *
 * @param keepLast how many of each job's newest tasks are kept whatever their age; 0 for no such rule
 * @param keepFor  how long a task is kept whatever its rank, or {@code null} for no such rule
 */
public record Retention(int keepLast, Duration keepFor) {
    public Retention {
        if (keepLast < 0) {
            throw new IllegalArgumentException("keepLast must not be negative: " + keepLast);
        }
        if (keepFor != null && (keepFor.isNegative() || keepFor.isZero())) {
            throw new IllegalArgumentException("keepFor must be positive: " + keepFor);
        }
    }

    /** @return whether this keeps everything */
    public boolean keepsAll() {
        return keepLast == 0 && keepFor == null;
    }
}
