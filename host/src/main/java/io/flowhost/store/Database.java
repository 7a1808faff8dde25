package io.flowhost.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The store's database: a connection pool on the location's JDBC URL, its {@link Dialect}, and its
 * schema brought up to date with Flyway.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=NORMAL}: a commit survives the process being
 * killed (it is in the WAL, which the next opening replays), only a power cut can lose the last
 * commits; readers in other processes ({@code flowhost tasks} while a server runs) never wait for the
 * writer; and a write waits up to 10 s for another process's write to finish.
 */
final class Database implements AutoCloseable {
    /** The newest migration this build ships: when the database has it, Flyway need not start. */
    static final String SCHEMA_VERSION = "1";
    private static final String MIGRATIONS = "classpath:io/flowhost/store/migration";

    /** How often SQLite's write-ahead log is checkpointed. */
    static final java.time.Duration CHECKPOINT_EVERY = java.time.Duration.ofSeconds(1);

    final Dialect dialect;
    final String describe;
    private final HikariDataSource pool;
    private final Thread checkpoints;
    private volatile boolean closed;

    private Database(Dialect dialect, String describe, HikariDataSource pool) {
        this.dialect = dialect;
        this.describe = describe;
        this.pool = pool;
        this.checkpoints = dialect == Dialect.SQLITE
                ? Thread.ofPlatform().daemon().name("flowhost-store-checkpoints").start(this::checkpoint) : null;
    }

    /**
     * SQLite: copies what the write-ahead log holds into the database every {@link #CHECKPOINT_EVERY},
     * without waiting for readers or blocking the writer ({@code PASSIVE}). When commits do it
     * themselves (SQLite's default), one commit in some hundreds pays for copying and syncing
     * megabytes, and a webhook waiting for it waits tens of milliseconds.
     */
    private void checkpoint() {
        while (!closed) {
            try {
                Thread.sleep(CHECKPOINT_EVERY);
                try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                // the next round tries again; a process that opens the store later checkpoints too
            }
        }
    }

    DataSource dataSource() {
        return pool;
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    static Database open(StoreLocation location) {
        String describe = location.describe();
        String url;
        if (location.dataDir() != null) {
            Path dir = location.dataDir();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StoreException("cannot open the task store in " + dir + ": cannot create the folder ("
                        + e.getMessage() + ")", e);
            }
            if (!Files.isWritable(dir)) {
                throw new StoreException("cannot open the task store in " + dir + ": the folder is not writable", null);
            }
            url = "jdbc:sqlite:" + dir.resolve(StoreLocation.DATABASE_FILE).toAbsolutePath();
        } else {
            url = location.jdbcUrl();
        }
        Dialect dialect = Dialect.of(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("flowhost-store");
        if (location.user() != null) {
            config.setUsername(location.user());
        }
        if (location.password() != null) {
            config.setPassword(location.password());
        }
        // the pool may start empty: a database that is down is reported by the first connection below
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        switch (dialect) {
            case SQLITE -> {
                config.addDataSourceProperty("journal_mode", "WAL");
                config.addDataSourceProperty("synchronous", "NORMAL");
                config.addDataSourceProperty("busy_timeout", "10000");
                // a bigger page cache (16 MiB); checkpoints (copying the write-ahead log into the
                // database, and syncing it) by a thread of their own, not by whichever commit fills the log
                config.addDataSourceProperty("cache_size", "-16384");
                config.addDataSourceProperty("wal_autocheckpoint", "0");
                // the driver otherwise asks for the row id after every insert; no table here has one to give
                config.addDataSourceProperty("jdbc.get_generated_keys", "false");
                config.setMaximumPoolSize(4);
            }
            case H2 -> config.setMaximumPoolSize(4);
            case POSTGRESQL -> config.setMaximumPoolSize(8);
        }
        config.setMinimumIdle(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the task store " + describe + ": " + e.getMessage(), e);
        }
        Database database = new Database(dialect, describe, pool);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return database;
    }

    private void migrate() {
        try (Connection connection = pool.getConnection()) {
            if (upToDate(connection)) {
                return;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot open the task store " + describe + ": " + reason(e), e);
        }
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .validateMigrationNaming(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot open the task store " + describe + ": its schema cannot be migrated: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * Whether the schema has this build's newest migration, read without Flyway: starting Flyway
     * costs a command-line start a few hundred milliseconds, every time.
     */
    private static boolean upToDate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = "
                        + "TRUE ORDER BY \"installed_rank\" DESC")) {
            return rows.next() && SCHEMA_VERSION.equals(rows.getString(1));
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return false; // no history table yet: a new store
        }
    }

    /** The database's own words, one line. */
    static String reason(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        closed = true;
        if (checkpoints != null) {
            checkpoints.interrupt();
            try {
                checkpoints.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pool.close(); // SQLite checkpoints what is left when its last connection closes
    }
}
