package io.flowhost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a task of 100,000 fan-out items in a child JVM whose heap is too small for what the runner
 * used to keep (a parked thread and a full input snapshot per item, the {@code --json} report built
 * whole in memory: with {@code -Xmx256m} that run hung in garbage collection). It must succeed, print
 * a report whose size grows with the items and not more, and one line for the fan-out, not one per item.
 */
class LargeTaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("flowhost.root", ".."));
    private static final int ITEMS = 100_000;

    @TempDir
    Path dir;

    @Test
    void aFanOutOf100000ItemsRunsAndReportsInASmallHeap() throws Exception {
        Path job = Files.writeString(dir.resolve("large.json"), """
                {"id": "large", "maxConcurrency": 4, "steps": [
                  {"id": "each", "forEach": "{{ range(0, %d) }}", "do": [{"id": "work", "action": "core.noop"}]}
                ]}
                """.formatted(ITEMS));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-Dpolyglot.engine.WarnInterpreterOnly=false"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                "io.flowhost.cli.Flowhost", "run", job.toString(), "--json", "--plugins-dir",
                ROOT.resolve("plugins").toString(), "--data-dir", dir.resolve("data").toString()));
        Path out = dir.resolve("report.json");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String stderr = Files.readString(err);
        assertThat(ended).as("the task ended: %s", stderr).isTrue();
        assertThat(process.exitValue()).as(stderr).isZero();

        // one line for the fan-out with its count, none per item
        assertThat(stderr).contains("succeeded each ", "(100,000 items, ").doesNotContain("each[7]/work");
        // the report, read a step at a time as a consumer of 100,000 steps would
        long bytes = Files.size(out);
        assertThat(bytes / ITEMS).as("report bytes per item").isLessThan(1_000);
        int steps = 0;
        int withInput = 0;
        try (JsonParser parser = JSON.createParser(out.toFile())) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("steps")) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode step = JSON.readTree(parser);
                        steps++;
                        if (!step.get("input").isNull()) {
                            withInput++;
                        }
                    }
                } else if (field.equals("status")) {
                    assertThat(parser.getText()).isEqualTo("succeeded");
                } else {
                    parser.skipChildren();
                }
            }
        }
        assertThat(steps).isEqualTo(ITEMS + 1);
        assertThat(withInput).as("inputs kept: the fan-out's and its first 100 items'").isEqualTo(101);
    }
}
