package io.flowhost.store;

/**
 * The task store failed: it cannot be opened (a data folder that is not writable, a database that
 * is down or newer than this Flowhost), or a read or write failed. The message says which store and
 * what failed, e.g. {@code cannot open the task store in /var/flowhost: ... (permission denied)}.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the store
     * @param cause   the database's exception, or {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
