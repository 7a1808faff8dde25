package io.flowhost.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Something a step attached to its task ({@link io.flowhost.api.ActionContext#attach}): a JSON value,
 * or a copy of a file in the runner's artifacts folder.
 *
 * @param step the path of the step that attached it
 * @param name its name, unique within the task
 * @param json the value, or {@code null} for a file
 * @param file the copy, or {@code null} for a value
 * @param size the file's size in bytes, or {@code null} for a value
 * @param time when it was attached
 */
public record Artifact(String step, String name, JsonNode json, Path file, Long size, Instant time) {
    public Artifact {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
        if ((json == null) == (file == null)) {
            throw new IllegalArgumentException("an artifact is a JSON value or a file");
        }
        json = json == null ? null : json.deepCopy();
    }
}
