package io.flowhost.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a task store lives: a data folder that holds an embedded database, or a database named by
 * its JDBC URL ({@code jdbc:postgresql://db:5432/flowhost}; {@code jdbc:h2:...} and
 * {@code jdbc:sqlite:...} work too).
 *
 * @param dataDir  the data folder, or {@code null} for a JDBC URL
 * @param jdbcUrl  the JDBC URL, or {@code null} for a data folder
 * @param user     the database user, or {@code null} (then the URL says, if anything)
 * @param password the password, or {@code null}
 */
public record StoreLocation(Path dataDir, String jdbcUrl, String user, String password) {
    /** The embedded database's file in a data folder. */
    public static final String DATABASE_FILE = "flowhost.db";

    public StoreLocation {
        if ((dataDir == null) == (jdbcUrl == null)) {
            throw new IllegalArgumentException("a store is a data folder or a JDBC URL, not both or neither");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: '" + jdbcUrl + "' (expected e.g. jdbc:postgresql://host/db)");
        }
    }

    /** @return the embedded store in {@code dataDir} (SQLite, in {@value #DATABASE_FILE}) */
    public static StoreLocation dataFolder(Path dataDir) {
        return new StoreLocation(Objects.requireNonNull(dataDir, "dataDir"), null, null, null);
    }

    /** @return the store in the database at {@code jdbcUrl}, with these credentials (either may be {@code null}) */
    public static StoreLocation database(String jdbcUrl, String user, String password) {
        return new StoreLocation(null, Objects.requireNonNull(jdbcUrl, "jdbcUrl"), user, password);
    }

    /** @return the location for people: the folder, or the URL without its query (which may hold a password) */
    public String describe() {
        if (dataDir != null) {
            return dataDir.toString();
        }
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    /** @return the location without the password, for logs */
    @Override
    public String toString() {
        return "StoreLocation[" + describe() + (user == null ? "" : ", user " + user) + "]";
    }
}
