package io.flowhost.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobParametersTest {
    private static final Job JOB = JobLoader.load(Path.of("p.json"), """
            {"id": "p",
             "parameters": [
               {"name": "folder", "type": "string", "default": "/in"},
               {"name": "limit", "type": "integer", "default": 5},
               {"name": "ratio", "type": "number"},
               {"name": "dry", "type": "boolean", "default": false},
               {"name": "tags", "type": "array"},
               {"name": "mode", "type": "string", "allowed": ["fast", "slow"], "default": "fast"},
               {"name": "token", "type": "string", "required": true}
             ],
             "steps": [{"id": "a", "action": "core.log", "params": {"message": "m"}}]}
            """, Fixtures.ACTIONS, null);

    @Test
    void valuesAreConvertedToTheirTypesAndDefaultsFilledIn() {
        var values = JobParameters.resolve(JOB, Map.of("limit", "12", "ratio", "0.5", "dry", "true",
                "tags", "[\"a\", \"b\"]", "token", "s3cret"));

        assertThat(values.toString()).isEqualTo(
                "{\"folder\":\"/in\",\"limit\":12,\"ratio\":0.5,\"dry\":true,\"tags\":[\"a\",\"b\"],\"mode\":\"fast\",\"token\":\"s3cret\"}");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> JobParameters.resolve(JOB, Map.of("token", "t", "limit", "abc")))
                .hasMessage("parameter 'limit' must be an integer, not \"abc\"");
        assertThatThrownBy(() -> JobParameters.resolve(JOB, Map.of("token", "t", "fodler", "/x")))
                .hasMessage("unknown parameter 'fodler' for job 'p'; it takes [folder, limit, ratio, dry, tags, mode, token]");
        assertThatThrownBy(() -> JobParameters.resolve(JOB, Map.of()))
                .hasMessage("parameter 'token' is required by job 'p' (give it with --param token=VALUE)");
        assertThatThrownBy(() -> JobParameters.resolve(JOB, Map.of("token", "t", "mode", "medium")))
                .hasMessage("parameter 'mode' must be one of [fast, slow], not \"medium\"");
        assertThatThrownBy(() -> JobParameters.resolve(JOB, Map.of("token", "t", "tags", "[oops")))
                .hasMessageStartingWith("parameter 'tags' must be JSON (array): ");
    }
}
