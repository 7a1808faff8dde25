package io.flowhost.script;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox contexts of one owner: a task, a playground session, an API call. Contexts are
 * pooled within their owner (a task's steps and fan-out items reuse them) and all closed when it
 * closes, so that no context ever serves two owners and whatever an owner's scripts leave behind,
 * memory included, dies with it.
 *
 * <p>An owner's first {@value #FRESH_EVALUATIONS} evaluations get fresh contexts, used once: a fresh
 * context costs about a millisecond, the lockdown that lets a context serve again some fifteen
 * (interpreted), so short tasks never pay for it. From then on, new contexts are locked down before
 * they serve, and serve again. Thread-safe; closing is idempotent and also stops evaluations still
 * running in the owner's contexts.
 */
public final class ScriptContexts implements AutoCloseable {
    private static final int MAX_IDLE = 2 * Runtime.getRuntime().availableProcessors() + 2;
    /** Evaluations of an owner that get a fresh context each, before contexts are locked down and pooled. */
    static final int FRESH_EVALUATIONS = 8;

    private final Map<Long, ArrayDeque<Sandbox.Realm>> idle = new HashMap<>();
    private final Set<Sandbox.Realm> open = new LinkedHashSet<>();
    private int acquired;
    private int created;
    private boolean closed;

    /** @return a new owner with no contexts yet */
    public static ScriptContexts open() {
        return new ScriptContexts();
    }

    private ScriptContexts() {}

    /** A context for one evaluation under these limits: an idle one of this owner, or a new one. */
    Sandbox.Realm acquire(Limits limits) {
        boolean lockDown;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("these script contexts are closed: their task or session has ended");
            }
            acquired++;
            ArrayDeque<Sandbox.Realm> waiting = idle.get(limits.statements());
            Sandbox.Realm realm = waiting == null ? null : waiting.pollFirst();
            if (realm != null) {
                realm.context.resetLimits();
                return realm;
            }
            lockDown = acquired > FRESH_EVALUATIONS;
            created++;
        }
        Sandbox.Realm realm = Sandbox.newRealm(limits, lockDown);
        synchronized (this) {
            if (!closed) {
                open.add(realm);
                return realm;
            }
        }
        Sandbox.close(realm);
        throw new IllegalStateException("these script contexts are closed: their task or session has ended");
    }

    /**
     * Takes a context back after an evaluation.
     *
     * @param reusable whether the evaluation left it usable (it ended by itself, not stopped or exhausted)
     * @param stopping whether the watchdog is closing it already
     */
    void release(Sandbox.Realm realm, boolean reusable, boolean stopping) {
        synchronized (this) {
            if (!closed && reusable && realm.lockedDown) {
                ArrayDeque<Sandbox.Realm> waiting = idle.computeIfAbsent(realm.statements, key -> new ArrayDeque<>());
                if (waiting.size() < MAX_IDLE) {
                    waiting.addFirst(realm); // last in, first out: the warmest caches
                    return;
                }
            }
            open.remove(realm);
        }
        if (!stopping) {
            Sandbox.close(realm);
        }
    }

    /** @return how many contexts this owner has made (for tests and benchmarks) */
    public synchronized int created() {
        return created;
    }

    /** @return how many of this owner's contexts are open, idle or in use (for tests) */
    public synchronized int openContexts() {
        return open.size();
    }

    /** Closes every context of this owner, stopping evaluations still running in them. */
    @Override
    public void close() {
        List<Sandbox.Realm> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(open);
            open.clear();
            idle.clear();
        }
        all.forEach(Sandbox::close);
    }
}
