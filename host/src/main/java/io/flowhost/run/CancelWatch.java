package io.flowhost.run;

import io.flowhost.store.TaskStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels this process's running tasks that another process asked to stop ({@code flowhost cancel},
 * a server's API): the store holds the request, this watch reads it every {@link #EVERY} and cancels
 * the task with the request's reason.
 */
public final class CancelWatch implements AutoCloseable {
    /** How often the store is asked. */
    public static final Duration EVERY = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(CancelWatch.class);

    private final Thread thread;
    private volatile boolean closed;

    private CancelWatch(TaskStore store, Function<String, RunningTask> running) {
        this.thread = Thread.ofPlatform().daemon().name("flowhost-cancel-watch").unstarted(() -> watch(store, running));
    }

    /**
     * Starts watching.
     *
     * @param store   the store requests are read from
     * @param running the running task of an id, or {@code null} when this process runs no such task
     */
    public static CancelWatch start(TaskStore store, Function<String, RunningTask> running) {
        CancelWatch watch = new CancelWatch(Objects.requireNonNull(store, "store"), Objects.requireNonNull(running, "running"));
        watch.thread.start();
        return watch;
    }

    private void watch(TaskStore store, Function<String, RunningTask> running) {
        boolean warned = false;
        while (!closed) {
            try {
                Thread.sleep(EVERY);
                for (Map.Entry<String, String> request : store.cancelRequests().entrySet()) {
                    RunningTask task = running.apply(request.getKey());
                    if (task != null) {
                        task.cancel(request.getValue());
                    }
                }
                warned = false;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!warned && !closed) {
                    LOG.warn("cannot read cancel requests: {}", e.getMessage());
                    warned = true;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
