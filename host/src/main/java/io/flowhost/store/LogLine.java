package io.flowhost.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of a task log.
 *
 * @param time  when it was written
 * @param level its level
 * @param step  the path of the step that wrote it, or empty for the task itself
 * @param text  the text
 */
public record LogLine(Instant time, Level level, String step, String text) {

    /** Log levels. */
    public enum Level {
        INFO, WARN, ERROR;

        /** @return the lowercase name, e.g. {@code warn} */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param jsonName {@code info}, {@code warn} or {@code error}
         * @return the level of that name
         * @throws IllegalArgumentException for another name
         */
        public static Level of(String jsonName) {
            return valueOf(jsonName.toUpperCase(Locale.ROOT));
        }
    }

    public LogLine {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(text, "text");
    }
}
