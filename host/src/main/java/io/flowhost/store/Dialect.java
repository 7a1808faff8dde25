package io.flowhost.store;

import java.util.Locale;

/** What differs between the databases the store runs on: little, and all of it here. */
enum Dialect {
    /**
     * One writer at a time per database file: the claim's transaction ({@code BEGIN IMMEDIATE})
     * holds the write lock, which serves as the row lock the others take.
     */
    SQLITE("", "INSERT OR IGNORE INTO job_versions (hash, job_id, job_file, job_text, first_seen) VALUES (?, ?, ?, ?, ?)"),
    H2(" FOR UPDATE SKIP LOCKED",
            "INSERT INTO job_versions (hash, job_id, job_file, job_text, first_seen) SELECT ?, ?, ?, ?, ? "
                    + "WHERE NOT EXISTS (SELECT 1 FROM job_versions WHERE hash = ?)"),
    POSTGRESQL(" FOR UPDATE SKIP LOCKED",
            "INSERT INTO job_versions (hash, job_id, job_file, job_text, first_seen) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (hash) DO NOTHING");

    /** Appended to the claim's select: lock the rows it takes, skip those another server is taking. */
    final String lockRows;
    /** Inserts a job version unless its hash is there already. */
    final String insertJobVersion;

    Dialect(String lockRows, String insertJobVersion) {
        this.lockRows = lockRows;
        this.insertJobVersion = insertJobVersion;
    }

    /** @return whether {@link #insertJobVersion} takes the hash a second time */
    boolean hashTwice() {
        return this == H2;
    }

    /** @throws StoreException for a database the store does not support */
    static Dialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new StoreException("unsupported database '" + jdbcUrl.replaceFirst("\\?.*", "")
                + "': the task store runs on SQLite (jdbc:sqlite:), H2 (jdbc:h2:) and PostgreSQL (jdbc:postgresql:)", null);
    }
}
