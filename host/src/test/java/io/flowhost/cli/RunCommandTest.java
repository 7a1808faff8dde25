package io.flowhost.cli;

import static io.flowhost.cli.FlowhostTest.flowhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.api.Output;
import io.flowhost.cli.FlowhostTest.Result;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowhost run} in-process: the report's times and {@code --until}/{@code --dump-message}. */
class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HELLO = Path.of(System.getProperty("flowhost.root", "..")).resolve("scripts/jobs/hello.json");

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path thumbnails() throws Exception {
        return file("thumbs.json", """
                {"id": "thumbs", "maxConcurrency": 1, "steps": [
                  {"id": "mark", "action": "core.set", "params": {"vars": {"album": "summer"}}},
                  {"id": "each", "forEach": "nodes", "do": [
                    {"id": "thumb", "action": "core.log", "params": {"message": "ran {{ node.name }}"}}
                  ]}
                ]}
                """);
    }

    @Test
    void theReportSaysWhenEachStepWasQueuedStartedAndEnded() throws Exception {
        Result result = flowhost("run", HELLO.toString(), "--json");

        JsonNode steps = JSON.readTree(result.out()).get("steps");
        assertThat(steps).hasSize(3).allSatisfy(step -> {
            Instant queued = Instant.parse(step.path("queuedAt").asText());
            Instant started = Instant.parse(step.path("startedAt").asText());
            assertThat(queued).isBeforeOrEqualTo(started);
            assertThat(started).isBeforeOrEqualTo(Instant.parse(step.path("endedAt").asText()));
        });
    }

    @Test
    void untilWritesTheExactMessageAStepReceivesAndExits0() throws Exception {
        Path a = file("a.txt", "a");
        Path b = file("b.txt", "bb");
        Path dump = dir.resolve("dump.json");

        Result result = flowhost("run", thumbnails().toString(), "--node", a.toString(), "--node", b.toString(),
                "--until", "each[1]/thumb", "--dump-message", dump.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).endsWith("flowhost: stopped before step 'each[1]/thumb'; the message it receives is in "
                + dump + "\n").doesNotContain("ran b.txt");
        // what the playground's -m reads
        Message message = Inputs.message(dump.toString(), List.of(), InputStream.nullInputStream());
        assertThat(message.nodes()).extracting(Node::name).containsExactly("b.txt");
        assertThat(message.var("album").orElseThrow().asText()).isEqualTo("summer");
        assertThat(message.outputs()).extracting(Output::step).containsExactly("mark");
        assertThat(message.event().path("type").asText()).isEqualTo("manual");
    }

    @Test
    void untilAStepIdStopsBeforeItsFirstRun() throws Exception {
        Path dump = dir.resolve("dump.json");

        Result result = flowhost("run", HELLO.toString(), "--until", "report", "--dump-message", dump.toString(), "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).doesNotContain("greeted").contains(" cancelled in ", ": stopped before step 'report'");
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.get("status").asText()).isEqualTo("cancelled");
        JsonNode stopped = report.get("steps").get(2);
        assertThat(stopped.get("path").asText()).isEqualTo("report");
        assertThat(stopped.get("status").asText()).isEqualTo("skipped");
        assertThat(stopped.get("startedAt").isNull()).isTrue();
        // the report refers to the input's output chain, each entry of which is its step's output; the dump has it whole
        JsonNode dumped = JSON.readTree(dump.toFile());
        assertThat(stopped.get("input").get("outputs")).isEqualTo(JSON.readTree("{\"count\": 2, \"last\": \"remember\"}"));
        assertThat(dumped.get("outputs")).hasSize(2);
        assertThat(dumped.get("outputs").get(1)).isEqualTo(report.get("steps").get(1).get("output"));
        JsonNode dumpedRest = ((com.fasterxml.jackson.databind.node.ObjectNode) dumped.deepCopy()).without("outputs");
        JsonNode reportedRest = ((com.fasterxml.jackson.databind.node.ObjectNode) stopped.get("input").deepCopy()).without("outputs");
        assertThat(dumpedRest).isEqualTo(reportedRest);
    }

    @Test
    void untilAnUnknownStepIsAUsageErrorThatNamesTheStepIds() throws Exception {
        for (String step : List.of("nope", "greet/nope", "greet[0]/x", "greet/else/x")) {
            Result result = flowhost("run", HELLO.toString(), "--until", step, "--dump-message", dir.resolve("d.json").toString());

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("flowhost: --until: job 'hello' has no step '" + step + "'; its step ids are"
                    + " [greet, remember, report] (a path looks like each[0]/thumb or big/else/small)\n");
        }
        assertThat(dir.resolve("d.json")).doesNotExist();
    }

    @Test
    void untilAStepTheTaskNeverReachesExits1AndWritesNothing() throws Exception {
        Path dump = dir.resolve("dump.json");

        Result result = flowhost("run", thumbnails().toString(), "--until", "each[0]/thumb", "--dump-message", dump.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).endsWith("flowhost: the task never reached step 'each[0]/thumb'; " + dump + " was not written\n");
        assertThat(dump).doesNotExist();
    }

    @Test
    void dumpMessageWithoutUntilIsAUsageError() {
        Result result = flowhost("run", HELLO.toString(), "--dump-message", dir.resolve("d.json").toString());

        assertThat(result).isEqualTo(new Result(2, "", "flowhost: --dump-message needs --until STEP: the step whose message to write\n"));
    }
}
