package io.flowhost.cli;

import static io.flowhost.cli.FlowhostTest.flowhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.cli.FlowhostTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON limits, as a user meets them: named, with their value, where the document breaks them. */
class JsonLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HELLO = Path.of(System.getProperty("flowhost.root", "..")).resolve("scripts/jobs/hello.json");
    private static final String TOO_LONG = "x".repeat(20_000_001);

    @TempDir
    Path dir;

    /** {@code levels} nested arrays, the innermost holding 1. */
    private static String nested(int levels) {
        return "[".repeat(levels) + "1" + "]".repeat(levels);
    }

    @Test
    void aMessageStringOverTheLimitIsNamedAsSuch() throws Exception {
        Path message = Files.writeString(dir.resolve("message.json"), "{\"vars\": {\"text\": \"" + TOO_LONG + "\"}}");

        Result result = flowhost("run", HELLO.toString(), "--message", message.toString());

        assertThat(result).isEqualTo(new Result(2, "",
                "flowhost: " + message + ":1:19: a string is longer than the limit of 20,000,000 characters\n"));
    }

    @Test
    void aMessageNestedDeeperThanTheLimitIsNamedAsSuch() throws Exception {
        Path message = Files.writeString(dir.resolve("message.json"), "{\"vars\": {\"deep\": " + nested(499) + "}}");

        Result result = flowhost("run", HELLO.toString(), "--message", message.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).matches("flowhost: " + java.util.regex.Pattern.quote(message.toString())
                + ":1:\\d+: the JSON is nested deeper than the limit of 500 levels\n");
    }

    @Test
    void aMessageAtTheNestingLimitRunsAndIsReported() throws Exception {
        Path message = Files.writeString(dir.resolve("message.json"), "{\"vars\": {\"deep\": " + nested(498) + "}}");

        Result result = flowhost("run", HELLO.toString(), "--message", message.toString(), "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(JSON.readTree(result.out()).at("/output/vars/deep").isArray()).isTrue();
    }

    @Test
    void aJobFileOverALimitIsOneProblemNamingIt() throws Exception {
        Path job = Files.writeString(dir.resolve("job.json"), """
                {"id": "big",
                 "description": "%s",
                 "steps": [{"id": "say", "action": "core.log", "params": {"message": "hi"}}]}
                """.formatted(TOO_LONG));

        Result validate = flowhost("validate", job.toString());

        assertThat(validate.exit()).isEqualTo(2);
        assertThat(validate.err()).isEqualTo(job + ":2:17: a string is longer than the limit of 20,000,000 characters\n"
                + "flowhost: 1 of 1 job file invalid\n");
    }

    @Test
    void aJsonParameterOverALimitIsNamedAsSuch() throws Exception {
        Path job = Files.writeString(dir.resolve("job.json"), """
                {"id": "list", "parameters": [{"name": "list", "type": "array"}],
                 "steps": [{"id": "say", "action": "core.log", "params": {"message": "hi"}}]}
                """);

        Result result = flowhost("run", job.toString(), "--param", "list=" + nested(501));

        assertThat(result).isEqualTo(new Result(2, "",
                "flowhost: parameter 'list': the JSON is nested deeper than the limit of 500 levels\n"));
    }
}
