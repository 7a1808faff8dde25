package io.flowhost.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.ParamType;
import java.util.Map;

/** Resolves a run's parameters against the job: given values converted and checked, defaults filled in. */
public final class JobParameters {
    private static final ObjectMapper JSON = JsonLimits.mapper();

    private JobParameters() {}

    /**
     * Resolves {@code --param NAME=VALUE} strings: arrays, objects and {@code any} are read as JSON,
     * numbers and booleans parsed, strings taken as they are.
     *
     * @return every declared parameter with a value, by name
     * @throws IllegalArgumentException naming the parameter that is unknown, missing or of the wrong type
     */
    public static ObjectNode resolve(Job job, Map<String, String> overrides) {
        ObjectNode typed = JSON.createObjectNode();
        overrides.forEach((name, text) -> {
            JobParameter parameter = declared(job, name);
            typed.set(name, parseText(parameter, text));
        });
        return resolveJson(job, typed);
    }

    /**
     * Resolves already-typed values, e.g. from a webhook's JSON body.
     *
     * @return every declared parameter with a value, by name
     * @throws IllegalArgumentException naming the parameter that is unknown, missing or of the wrong type
     */
    public static ObjectNode resolveJson(Job job, ObjectNode overrides) {
        for (Map.Entry<String, JsonNode> entry : overrides.properties()) {
            declared(job, entry.getKey());
        }
        ObjectNode values = JSON.createObjectNode();
        for (JobParameter parameter : job.parameters()) {
            JsonNode value = overrides.get(parameter.name());
            if (value == null || value.isNull()) {
                value = parameter.defaultValue();
            }
            if (value == null) {
                if (parameter.required()) {
                    throw new IllegalArgumentException("parameter '" + parameter.name() + "' is required by job '"
                            + job.id() + "' (give it with --param " + parameter.name() + "=VALUE)");
                }
                continue;
            }
            JsonNode coerced = ParamTypes.coerce(parameter.name(), parameter.type(), value);
            ParamTypes.checkAllowed(parameter.name(), parameter.allowed(), coerced);
            values.set(parameter.name(), coerced);
        }
        return values;
    }

    private static JobParameter declared(Job job, String name) {
        return job.parameter(name).orElseThrow(() -> new IllegalArgumentException("unknown parameter '" + name
                + "' for job '" + job.id() + "'; it takes "
                + job.parameters().stream().map(JobParameter::name).toList()));
    }

    private static JsonNode parseText(JobParameter parameter, String text) {
        if (parameter.type() == ParamType.ARRAY || parameter.type() == ParamType.OBJECT
                || parameter.type() == ParamType.ANY) {
            try {
                return JsonLimits.read(JSON, text);
            } catch (JsonLimits.Exceeded e) {
                throw new IllegalArgumentException("parameter '" + parameter.name() + "': " + e.getMessage());
            } catch (JsonProcessingException e) {
                if (parameter.type() == ParamType.ANY) {
                    return TextNode.valueOf(text);
                }
                throw new IllegalArgumentException("parameter '" + parameter.name() + "' must be JSON ("
                        + parameter.type().jsonName() + "): " + JsonErrors.reason(e));
            }
        }
        return TextNode.valueOf(text);
    }
}
