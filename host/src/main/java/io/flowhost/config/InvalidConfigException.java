package io.flowhost.config;

/** The host configuration cannot be used: the message names the file, the key and what is wrong. */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line for the operator */
    public InvalidConfigException(String message) {
        super(message);
    }
}
