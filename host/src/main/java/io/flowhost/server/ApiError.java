package io.flowhost.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the server answers with an error: its HTTP status and one sentence for the caller,
 * sent as {@code {"error": {"message": ...}}}.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient ObjectNode details;

    ApiError(int status, String message) {
        this(status, message, null);
    }

    /** @param details more fields of the error object, e.g. {@code line} and {@code column}, or {@code null} */
    ApiError(int status, String message, ObjectNode details) {
        super(message, null, false, false);
        this.status = status;
        this.details = details;
    }

    int status() {
        return status;
    }

    ObjectNode details() {
        return details;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }
}
