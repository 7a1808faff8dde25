package io.flowhost.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The JSON Schema of job files, shipped as {@code io/flowhost/jobs/job.schema.json}: the structural truth. */
public final class JobSchema {
    private static final String RESOURCE = "/io/flowhost/jobs/job.schema.json";
    private static final String TEXT = load();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(TEXT, SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build());

    private JobSchema() {}

    /** @return the schema text, as {@code flowhost schema} prints it */
    public static String text() {
        return TEXT;
    }

    static Set<ValidationMessage> validate(JsonNode job) {
        return SCHEMA.validate(job);
    }

    private static String load() {
        try (InputStream in = JobSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the job schema " + RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
