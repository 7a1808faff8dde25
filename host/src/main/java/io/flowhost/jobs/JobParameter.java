package io.flowhost.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowhost.api.ParamType;
import java.util.List;
import java.util.Objects;

/**
 * A parameter of a job, given at run time ({@code --param NAME=VALUE}) and read by templates as
 * {@code params.NAME}.
 *
 * @param name         its name
 * @param type         its type
 * @param description  documentation, possibly empty
 * @param required     whether a run must give it
 * @param defaultValue its value when a run does not give one, or {@code null}
 * @param allowed      the only values allowed (compared as text), or empty for any
 */
public record JobParameter(
        String name, ParamType type, String description, boolean required, JsonNode defaultValue, List<String> allowed) {

    public JobParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        allowed = List.copyOf(allowed);
        defaultValue = defaultValue == null ? null : defaultValue.deepCopy();
    }
}
