package io.flowhost.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract on H2 in a file, the embedded database measured against SQLite. */
class H2TaskStoreTest extends TaskStoreContract {
    @TempDir
    Path dir;

    private String url() {
        // AUTO_SERVER: another process (or, here, the test's own connection) may open the file too
        return "jdbc:h2:file:" + dir.resolve("flowhost") + ";AUTO_SERVER=TRUE";
    }

    @Override
    StoreLocation newLocation() {
        return StoreLocation.database(url(), null, null);
    }

    @Override
    Connection connect() throws SQLException {
        return jdbc(url());
    }
}
