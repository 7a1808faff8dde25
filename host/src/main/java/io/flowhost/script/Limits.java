package io.flowhost.script;

import io.flowhost.api.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * What one evaluation of a template or script may use. Every limit, when reached, stops the
 * evaluation with a clear error and leaves the host and every other evaluation running.
 *
 * @param timeout      wall-clock time
 * @param statements   JavaScript statements executed
 * @param consoleBytes characters of {@code console} output kept (more is dropped, with a note)
 * @param resultBytes  characters of the result as JSON or text
 * @param memoryBytes  bytes the evaluating thread may allocate (community GraalJS has no heap
 *                     limit: a watchdog reads the thread's allocation counter)
 */
public record Limits(Duration timeout, long statements, long consoleBytes, long resultBytes, long memoryBytes) {
    private static final Limits DEFAULTS = new Limits(Duration.ofSeconds(5), 10_000_000, 64 * 1024, 1024 * 1024,
            128L * 1024 * 1024);

    public Limits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || statements < 1 || consoleBytes < 0 || resultBytes < 1
                || memoryBytes < 1) {
            throw new IllegalArgumentException("limits must be positive: " + this);
        }
    }

    /** @return 5 s, 10,000,000 statements, 64 KiB of console output, a 1 MiB result, 128 MiB allocated */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** @return these limits with another timeout */
    public Limits withTimeout(Duration timeout) {
        return new Limits(timeout, statements, consoleBytes, resultBytes, memoryBytes);
    }

    /** @return these limits with another statement limit */
    public Limits withStatements(long statements) {
        return new Limits(timeout, statements, consoleBytes, resultBytes, memoryBytes);
    }

    /** @return these limits with another allocation budget */
    public Limits withMemoryBytes(long memoryBytes) {
        return new Limits(timeout, statements, consoleBytes, resultBytes, memoryBytes);
    }

    /** @return these limits with another result size */
    public Limits withResultBytes(long resultBytes) {
        return new Limits(timeout, statements, consoleBytes, resultBytes, memoryBytes);
    }

    /** @return these limits with another console size */
    public Limits withConsoleBytes(long consoleBytes) {
        return new Limits(timeout, statements, consoleBytes, resultBytes, memoryBytes);
    }

    /**
     * These limits with the ones a job or step sets in its {@code limits} object:
     * {@code {"timeout": "10s", "statements": 1000000, "memoryBytes": 67108864, "consoleBytes": 65536,
     * "resultBytes": 1048576}}; absent keys keep these limits' values.
     *
     * @param overrides the {@code limits} object, or {@code null}
     * @return the combined limits
     * @throws IllegalArgumentException for a value that is not a positive number or a duration
     */
    public Limits with(com.fasterxml.jackson.databind.JsonNode overrides) {
        if (overrides == null || overrides.isNull() || overrides.isMissingNode()) {
            return this;
        }
        return new Limits(
                overrides.has("timeout") ? Durations.parse(overrides.get("timeout").asText()) : timeout,
                overrides.path("statements").asLong(statements),
                overrides.path("consoleBytes").asLong(consoleBytes),
                overrides.path("resultBytes").asLong(resultBytes),
                overrides.path("memoryBytes").asLong(memoryBytes));
    }

    static String size(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    static String time(Duration duration) {
        return Durations.format(duration);
    }
}
