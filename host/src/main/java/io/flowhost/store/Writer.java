package io.flowhost.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writer: a thread with its own connection that runs every write, in the order
 * they were submitted, many to a transaction. Group commit is what lets an embedded database keep up
 * with a thousand tasks a second (each task is four to six writes): a commit costs the same for one
 * write as for a hundred. A batch that fails is rolled back and its writes are run again one by one,
 * so that one bad write fails alone.
 */
final class Writer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    /** Writes waiting beyond this make submitters wait: the database sets the pace. */
    private static final int QUEUE = 20_000;
    private static final int BATCH = 1_000;
    /** How long a batch of writes nobody waits for waits for more. */
    static final java.time.Duration LINGER = java.time.Duration.ofMillis(2);

    /** One write: statements through {@link Statements}, a result for its submitter. */
    interface Op<T> {
        T run(Statements statements) throws SQLException;
    }

    /** Prepared statements of the writer's connection, prepared once each. */
    static final class Statements {
        private final Connection connection;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        Statements(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement statement = prepared.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                prepared.put(sql, statement);
            }
            statement.clearParameters();
            return statement;
        }

        Connection connection() {
            return connection;
        }

        void close() {
            prepared.values().forEach(statement -> {
                try {
                    statement.close();
                } catch (SQLException e) {
                    // closing the connection closes it anyway
                }
            });
            prepared.clear();
        }
    }

    /** @param report whether a failure is logged here: nobody waits for it (step records, log lines) */
    private record Pending<T>(Op<T> op, CompletableFuture<T> done, boolean report) {
        void runIn(Statements statements, List<Runnable> completions) throws SQLException {
            T result = op.run(statements);
            completions.add(() -> done.complete(result));
        }
    }

    private static final Pending<Void> STOP = new Pending<>(s -> null, new CompletableFuture<>(), false);

    private final DataSource dataSource;
    private final String store;
    /**
     * SQLite: transactions begun explicitly with {@code BEGIN IMMEDIATE} on a connection left in
     * auto-commit. The driver's own transactions begin the next one as soon as one commits, and with
     * {@code IMMEDIATE} that would hold the database's write lock between batches, shutting out every
     * other process; with the default {@code DEFERRED}, two writers could deadlock upgrading their locks.
     */
    private final boolean beginImmediate;
    private final BlockingQueue<Pending<?>> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private volatile boolean closed;
    private Connection connection;
    private Statements statements;

    Writer(DataSource dataSource, String store, boolean beginImmediate) {
        this.dataSource = dataSource;
        this.store = store;
        this.beginImmediate = beginImmediate;
        this.thread = Thread.ofPlatform().daemon().name("flowhost-store-writer").unstarted(this::loop);
        this.thread.start();
    }

    /**
     * Queues a write that nobody waits for; a failure is logged.
     *
     * @return completes once it is committed
     */
    <T> CompletableFuture<T> submit(Op<T> op) {
        return submit(op, true);
    }

    private <T> CompletableFuture<T> submit(Op<T> op, boolean report) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new StoreException("the task store " + store + " is closed", null));
            return done;
        }
        try {
            queue.put(new Pending<>(op, done, report));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(new StoreException("interrupted while writing to the task store " + store, e));
        }
        return done;
    }

    /** Runs a write and waits until it is committed. */
    <T> T await(Op<T> op) {
        try {
            return submit(op, false).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException s ? s
                    : new StoreException("cannot write to the task store " + store + ": " + e.getCause(), e.getCause());
        }
    }

    /** Waits until every write queued so far is committed. */
    void flush() {
        await(s -> null);
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            try {
                Pending<?> first = queue.take();
                batch.add(first);
                if (first.report() && queue.isEmpty()) {
                    // nobody waits for it: a little later, the rest of its task comes along in the same commit
                    long until = System.nanoTime() + LINGER.toNanos();
                    for (Pending<?> next = queue.poll(LINGER.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
                            next != null; next = queue.poll(Math.max(0, until - System.nanoTime()),
                                    java.util.concurrent.TimeUnit.NANOSECONDS)) {
                        batch.add(next);
                        if (!next.report() || next == STOP || batch.size() >= BATCH) {
                            break; // someone waits for this one: commit now
                        }
                    }
                }
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, through STOP
            }
            queue.drainTo(batch, BATCH - batch.size());
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                write(batch);
            }
            if (stop) {
                closeConnection();
                return;
            }
        }
    }

    private void write(List<Pending<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        try {
            Statements s = begin();
            for (Pending<?> pending : batch) {
                pending.runIn(s, completions);
            }
            commit();
            completions.forEach(Runnable::run);
            return;
        } catch (SQLException | RuntimeException e) {
            rollback();
            if (batch.size() == 1) {
                fail(batch.get(0), e);
                return;
            }
        }
        for (Pending<?> pending : batch) {
            completions.clear();
            try {
                Statements s = begin();
                pending.runIn(s, completions);
                commit();
                completions.forEach(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                rollback();
                fail(pending, e);
            }
        }
    }

    private void fail(Pending<?> pending, Exception e) {
        StoreException failure = e instanceof StoreException s ? s
                : new StoreException("cannot write to the task store " + store + ": " + e.getMessage(), e);
        pending.done().completeExceptionally(failure);
        if (pending.report()) {
            LOG.warn("{}", failure.getMessage());
        }
    }

    private Statements begin() throws SQLException {
        if (connection != null && !connection.isValid(2)) {
            closeConnection(); // the database restarted: start again on a new connection
        }
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(beginImmediate);
            statements = new Statements(connection);
        }
        if (beginImmediate) {
            try (Statement begin = connection.createStatement()) {
                begin.execute("BEGIN IMMEDIATE");
            }
        }
        return statements;
    }

    private void commit() throws SQLException {
        if (beginImmediate) {
            try (Statement commit = connection.createStatement()) {
                commit.execute("COMMIT");
            }
        } else {
            connection.commit();
        }
    }

    private void rollback() {
        if (connection == null) {
            return;
        }
        try {
            if (beginImmediate) {
                try (Statement rollback = connection.createStatement()) {
                    rollback.execute("ROLLBACK");
                }
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            // no transaction was open (BEGIN itself failed), or the connection is broken: start afresh
            closeConnection();
        }
    }

    private void closeConnection() {
        if (statements != null) {
            statements.close();
            statements = null;
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // it is gone either way
            }
            connection = null;
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a write submitted while the writer stopped
        for (Pending<?> late = queue.poll(); late != null; late = queue.poll()) {
            late.done().completeExceptionally(new StoreException("the task store " + store + " is closed", null));
        }
    }
}
