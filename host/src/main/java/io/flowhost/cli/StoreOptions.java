package io.flowhost.cli;

import io.flowhost.store.StoreException;
import io.flowhost.store.StoreLocation;
import io.flowhost.store.TaskStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the task store is, for every command that reads or writes tasks: {@code --data-dir DIR}
 * (default {@code FLOWHOST_DATA_DIR}, else {@code data/} of the Flowhost checkout), or a database
 * given by {@code --database JDBC-URL} (default {@code FLOWHOST_DATABASE}; its user and password in
 * the URL or in {@code FLOWHOST_DATABASE_USER} and {@code FLOWHOST_DATABASE_PASSWORD}).
 */
final class StoreOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The data folder: the task store (SQLite) and the server's state. "
                    + "Default: $FLOWHOST_DATA_DIR, else data/ of the Flowhost checkout.")
    Path dataDir;

    @Option(names = "--database", paramLabel = "JDBC-URL",
            description = "Keep tasks in this database instead, e.g. jdbc:postgresql://db/flowhost "
                    + "(default: $FLOWHOST_DATABASE; user and password in the URL or $FLOWHOST_DATABASE_USER and _PASSWORD).")
    String database;

    /** @return where the store is */
    StoreLocation location() {
        String url = database != null ? database : System.getenv("FLOWHOST_DATABASE");
        if (url != null && !url.isBlank() && dataDir == null) {
            try {
                return StoreLocation.database(url, System.getenv("FLOWHOST_DATABASE_USER"),
                        System.getenv("FLOWHOST_DATABASE_PASSWORD"));
            } catch (IllegalArgumentException e) {
                throw new UserError("--database: " + e.getMessage());
            }
        }
        return StoreLocation.dataFolder(dataDir != null ? dataDir : defaultDataDir());
    }

    static Path defaultDataDir() {
        String env = System.getenv("FLOWHOST_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String property = System.getProperty("flowhost.data");
        if (property != null) {
            return Path.of(property);
        }
        String home = System.getProperty("flowhost.home");
        return home == null ? Path.of("data") : Path.of(home, "data");
    }

    /**
     * Opens the store.
     *
     * @throws UserError saying which store and why when it cannot be opened
     */
    TaskStore open() {
        StoreLocation location = location();
        try {
            return TaskStore.open(location);
        } catch (StoreException e) {
            throw new UserError(e.getMessage() + (location.dataDir() != null ? " (choose another with --data-dir)" : ""));
        }
    }
}
