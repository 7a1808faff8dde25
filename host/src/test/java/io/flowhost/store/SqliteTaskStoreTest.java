package io.flowhost.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract on SQLite in a data folder: the default. */
class SqliteTaskStoreTest extends TaskStoreContract {
    @TempDir
    Path dir;

    @Override
    StoreLocation newLocation() {
        return StoreLocation.dataFolder(dir.resolve("data"));
    }

    @Override
    Connection connect() throws SQLException {
        return jdbc("jdbc:sqlite:" + dir.resolve("data").resolve(StoreLocation.DATABASE_FILE));
    }
}
