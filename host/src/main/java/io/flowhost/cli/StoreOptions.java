package io.flowhost.cli;

import io.flowhost.config.HostConfig;
import io.flowhost.store.StoreException;
import io.flowhost.store.StoreLocation;
import io.flowhost.store.TaskStore;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the task store is, for every command that reads or writes tasks: {@code --data-dir DIR}
 * (default: the host configuration's {@code dataDir}, which is {@code FLOWHOST_DATA_DIR}, else
 * {@code data/} of the Flowhost checkout, unless the configuration file says), or a database given
 * by {@code --database JDBC-URL} (default {@code FLOWHOST_DATABASE}; its user and password in the URL
 * or in {@code FLOWHOST_DATABASE_USER} and {@code FLOWHOST_DATABASE_PASSWORD}).
 */
final class StoreOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The data folder: the task store (SQLite) and the server's state. "
                    + "Default: the configuration's dataDir: $FLOWHOST_DATA_DIR, else data/ of the Flowhost checkout.")
    Path dataDir;

    @Option(names = "--database", paramLabel = "JDBC-URL",
            description = "Keep tasks in this database instead, e.g. jdbc:postgresql://db/flowhost "
                    + "(default: $FLOWHOST_DATABASE; user and password in the URL or $FLOWHOST_DATABASE_USER and _PASSWORD).")
    String database;

    /** @return where the store is, with the default host configuration */
    StoreLocation location() {
        return location(defaultConfig());
    }

    /** @return where the store is: the options, else the host configuration's data folder */
    StoreLocation location(HostConfig config) {
        String url = database != null ? database : System.getenv("FLOWHOST_DATABASE");
        if (url != null && !url.isBlank() && dataDir == null) {
            try {
                return StoreLocation.database(url, System.getenv("FLOWHOST_DATABASE_USER"),
                        System.getenv("FLOWHOST_DATABASE_PASSWORD"));
            } catch (IllegalArgumentException e) {
                throw new UserError("--database: " + e.getMessage());
            }
        }
        return StoreLocation.dataFolder(dataFolder(config));
    }

    /** @return the data folder: {@code --data-dir}, else the configuration's (also with a database URL) */
    Path dataFolder(HostConfig config) {
        return dataDir != null ? dataDir : config.dataDir();
    }

    private static HostConfig defaultConfig() {
        Map<String, String> env = System.getenv();
        return HostConfig.defaultFile(env).map(file -> HostConfig.load(file, env)).orElseGet(() -> HostConfig.defaults(env));
    }

    /**
     * Opens the store.
     *
     * @throws UserError saying which store and why when it cannot be opened
     */
    TaskStore open() {
        return open(defaultConfig());
    }

    /** {@link #open()} with this host configuration. */
    TaskStore open(HostConfig config) {
        StoreLocation location = location(config);
        try {
            return TaskStore.open(location);
        } catch (StoreException e) {
            throw new UserError(e.getMessage() + (location.dataDir() != null ? " (choose another with --data-dir)" : ""));
        }
    }
}
