package io.flowhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs folder of a running server: edits load, broken edits do not, loops and clashes are refused. */
class JobFolderTest {
    @TempDir
    Path dir;

    private static String greeting(String word) {
        return """
                {"id": "greet", "steps": [{"id": "say", "action": "core.log", "params": {"message": "%s"}}]}
                """.formatted(word);
    }

    private static String said(TestServer server) {
        HttpResponse<String> response = server.api("POST", "/api/jobs/greet/run?wait=30", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response).at("/logs/0/text").asText();
    }

    @Test
    void anEditedJobIsReloadedAndABrokenEditLeavesThePreviousVersionRunning() throws Exception {
        try (TestServer server = TestServer.in(dir).job("greet.json", greeting("one")).start()) {
            assertThat(said(server)).isEqualTo("one");

            Files.writeString(server.jobs.resolve("greet.json"), greeting("two"));
            server.awaitLog(line -> line.equals("reloaded job 'greet' from greet.json (no triggers: it runs when asked)"));
            assertThat(said(server)).isEqualTo("two");

            Files.writeString(server.jobs.resolve("greet.json"), """
                    {"id": "greet", "steps": [{"id": "say", "action": "core.lgo", "params": {"message": "three"}}]}
                    """);
            String line = server.awaitLog(l -> l.contains("core.lgo"));
            assertThat(line).isEqualTo(server.jobs.resolve("greet.json") + ":1:51: unknown action 'core.lgo'; did you mean "
                    + "'core.log'?; known core actions: " + "[" + String.join(", ", server.get("/api/actions")
                            .findValuesAsText("id").stream().filter(id -> id.startsWith("core.")).toList())
                    + "] (at /steps/0/action); not loaded: job 'greet' keeps running its previous version");
            assertThat(line.lines()).hasSize(1);
            assertThat(said(server)).isEqualTo("two");
            JsonNode jobs = server.get("/api/jobs");
            assertThat(jobs.at("/notLoaded/0/file").asText()).isEqualTo(server.jobs.resolve("greet.json").toString());

            Files.writeString(server.jobs.resolve("greet.json"), "{\"id\": \"greet\", \"steps\": [");
            server.awaitLog(l -> l.contains("invalid JSON"));
            assertThat(said(server)).isEqualTo("two");

            Files.writeString(server.jobs.resolve("greet.json"), greeting("four"));
            server.awaitLog(l -> l.startsWith("reloaded job 'greet'") && server.get("/api/jobs").get("notLoaded").isEmpty());
            assertThat(said(server)).isEqualTo("four");

            Files.delete(server.jobs.resolve("greet.json"));
            server.awaitLog(l -> l.equals("unloaded job 'greet': greet.json is gone"));
            assertThat(server.api("POST", "/api/jobs/greet/run", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void taskTriggersThatMakeALoopAndClashingIdsAreRefusedAtLoad() throws Exception {
        try (TestServer server = TestServer.in(dir)
                .job("a.json", """
                        {"id": "a", "triggers": [{"type": "task", "job": "b"}], "steps": [{"id": "s", "action": "core.log", "params": {"message": "a"}}]}
                        """)
                .job("b.json", """
                        {"id": "b", "triggers": [{"type": "task", "job": "a"}], "steps": [{"id": "s", "action": "core.log", "params": {"message": "b"}}]}
                        """)
                .job("c.json", """
                        {"id": "a", "steps": [{"id": "s", "action": "core.log", "params": {"message": "c"}}]}
                        """)
                .start()) {
            assertThat(server.logLines()).contains(server.jobs.resolve("b.json")
                    + ": its task triggers make a loop, each task starting the next: b → a → b; not loaded");
            assertThat(server.logLines()).contains(server.jobs.resolve("c.json") + ": job id 'a' is the id of "
                    + server.jobs.resolve("a.json") + " already; not loaded");
            assertThat(server.get("/api/jobs").get("jobs").findValuesAsText("id")).containsExactly("a");
        }
    }
}
