package io.flowhost.jobs;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem of a job file, located in the file.
 *
 * @param file    the file as the user named it
 * @param line    1-based line
 * @param column  1-based column
 * @param message what is wrong, a sentence for a person
 * @param pointer the JSON pointer of the value at fault, {@code ""} for the whole document, or
 *                {@code null} when the problem is not at a value (the file is not JSON at all)
 */
public record Problem(Path file, int line, int column, String message, String pointer) {
    static final Comparator<Problem> ORDER =
            Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column).thenComparing(Problem::message);

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** A problem of the file itself rather than of a value in it: unreadable, or not JSON. */
    static Problem ofFile(Path file, int line, int column, String message) {
        return new Problem(file, line, column, message, null);
    }

    /** @return {@code FILE:LINE:COLUMN: message (at /json/pointer)}, without the pointer when there is none */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message
                + (pointer == null ? "" : " (at " + (pointer.isEmpty() ? "/" : pointer) + ")");
    }
}
