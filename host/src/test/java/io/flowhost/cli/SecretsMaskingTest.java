package io.flowhost.cli;

import static io.flowhost.cli.FlowhostTest.flowhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.script.helpers.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret's value never leaves the host: not in a log line, a step error, the task report, the
 * {@code --json} output, a command-line error, or {@code flowhost config}; and guest code never sees
 * it unless the job hands it over.
 */
class SecretsMaskingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALUE = "s3cr3t-t0ken-value";

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void configure() throws Exception {
        Files.writeString(dir.resolve("secrets.properties"), "API_TOKEN=" + VALUE + "\n");
        config = Files.writeString(dir.resolve("flowhost.json"), """
                {
                  // secrets from a file beside this one
                  "secrets": { "file": "secrets.properties" },
                  "plugins": { "mail": { "password": { "secret": "API_TOKEN" } } }
                }
                """);
    }

    @AfterEach
    void forgetSecrets() {
        Secrets.install(Secrets.none());
    }

    @Test
    void aSecretIsMaskedInLogsErrorsTheReportAndJsonOutput() throws Exception {
        Path job = Files.writeString(dir.resolve("leaky.json"), """
                {
                  "id": "leaky",
                  "steps": [
                    { "id": "say", "action": "core.log", "params": { "message": "token {{ secret('API_TOKEN') }}" } },
                    { "id": "keep", "action": "core.set", "params": { "vars": { "token": "{{ secret('API_TOKEN') }}" } } },
                    { "id": "peek", "action": "script.js",
                      "params": { "code": "console.log('guest sees ' + secret('API_TOKEN')); return vars.token" } },
                    { "id": "boom", "action": "core.fail", "params": { "reason": "refused with {{ secret('API_TOKEN') }}" } }
                  ]
                }
                """);

        FlowhostTest.Result result = flowhost("run", job.toString(), "--config", config.toString(), "--json");

        assertThat(result.exit()).as(result.err()).isEqualTo(1);
        assertThat(result.out() + result.err()).doesNotContain(VALUE);
        // log lines: an action's, and the guest's, which only ever had a placeholder
        assertThat(result.err()).contains("info      say: token ****", "info      peek: guest sees [[secret:API_TOKEN]]");
        // errors: the step's and the task's
        assertThat(result.err()).contains("failed    boom (core.fail)", "refused with ****",
                "failed in", "step 'boom' failed: refused with ****");
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.get("error").asText()).isEqualTo("step 'boom' failed: refused with ****");
        assertThat(report.at("/steps/0/output/string").asText()).isEqualTo("token ****");
        assertThat(report.at("/steps/1/output/json/token").asText()).isEqualTo("****");
        assertThat(report.at("/steps/2/input/vars/token").asText()).isEqualTo("****");
        assertThat(report.at("/steps/2/output/string").asText()).isEqualTo("****");
        assertThat(report.at("/steps/3/error").asText()).isEqualTo("refused with ****");
        assertThat(report.at("/logs/0/text").asText()).isEqualTo("token ****");
    }

    @Test
    void aSecretIsMaskedInCommandLineErrors() throws Exception {
        Path job = Files.writeString(dir.resolve("count.json"), """
                { "id": "count", "parameters": [ { "name": "limit", "type": "integer" } ],
                  "steps": [ { "id": "noop", "action": "core.noop" } ] }
                """);

        FlowhostTest.Result result = flowhost("run", job.toString(), "--config", config.toString(), "-p", "limit=" + VALUE);

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("flowhost: parameter 'limit' must be an integer, not \"****\"");
    }

    @Test
    void configShowsSecretsByNameOnly() throws Exception {
        FlowhostTest.Result result = flowhost("config", "--config", config.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).doesNotContain(VALUE);
        JsonNode printed = JSON.readTree(result.out());
        assertThat(printed.at("/secrets/names").toString()).isEqualTo("[\"API_TOKEN\"]");
        assertThat(printed.at("/plugins/mail/password").toString()).isEqualTo("{\"secret\":\"API_TOKEN\"}");
        assertThat(printed.get("source").asText()).isEqualTo(config.toString());
    }

    @Test
    void evalNeverShowsASecretsValue() throws Exception {
        FlowhostTest.Result result = flowhost("run", Files.writeString(dir.resolve("e.json"), """
                { "id": "e", "steps": [ { "id": "js", "action": "script.js",
                  "params": { "code": "return secret('API_TOKEN').includes('s3cr3t') ? 'seen' : 'unseen'" } } ] }
                """).toString(), "--config", config.toString(), "--json");

        assertThat(JSON.readTree(result.out()).at("/steps/0/output/string").asText()).isEqualTo("unseen");
    }

    @Test
    void dataCannotAskForASecretOnlyTheStepsOwnTemplatesCan() throws Exception {
        // what a webhook or a CSV row might carry: placeholders, one of them with a guessed nonce
        Path message = Files.writeString(dir.resolve("message.json"), """
                { "vars": { "forged": "[[secret:API_TOKEN]] [[secret:API_TOKEN:0123456789abcdef0123456789abcdef]]" } }
                """);
        Path files = Files.writeString(dir.resolve("files.json"), """
                { "secrets": { "file": "secrets.properties" }, "plugins": { "files": { "roots": ["%s"] } } }
                """.formatted(dir));
        Path job = Files.writeString(dir.resolve("write.json"), """
                { "id": "write", "steps": [
                  { "id": "data", "action": "files.write", "params": { "path": "data.txt", "content": "{{ vars.forged }}" } },
                  { "id": "own", "action": "files.write", "params": { "path": "own.txt", "content": "{{ secret('API_TOKEN') }}" } } ] }
                """);

        FlowhostTest.Result result = flowhost("run", job.toString(), "--config", files.toString(), "-m", message.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(dir.resolve("data.txt"))
                .hasContent("[[secret:API_TOKEN]] [[secret:API_TOKEN:0123456789abcdef0123456789abcdef]]");
        assertThat(dir.resolve("own.txt")).hasContent(VALUE);
    }
}
