package io.flowhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowhost.store.StoreLocation;
import io.flowhost.store.TaskStore;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules, watched folders and task triggers fire on a real server. */
class TriggersTest {
    @TempDir
    Path dir;

    private static String logJob(String id, String triggers, String message) {
        return """
                {"id": "%s", "triggers": %s,
                 "steps": [{"id": "say", "action": "core.log", "params": {"message": "%s"}}]}
                """.formatted(id, triggers, message);
    }

    @Test
    void anIsoRepeatingIntervalFiresOnItsBeat() throws Exception {
        try (TestServer server = TestServer.in(dir).job("tick.json", logJob("tick",
                "[{\"type\": \"schedule\", \"every\": \"R/2026-01-01T00:00:00Z/PT1S\"}]", "{{ event.scheduledFor }}")).start()) {
            JsonNode tasks = server.awaitEnded("tick", 2);

            JsonNode first = server.get("/api/tasks/" + tasks.get(tasks.size() - 1).get("id").asText());
            assertThat(first.get("trigger").asText()).isEqualTo("schedule");
            Instant at = Instant.parse(first.at("/input/event/scheduledFor").asText());
            assertThat(at.getNano()).isZero(); // on the second, as the interval says
            assertThat(first.at("/input/event/schedule").asText()).isEqualTo("R/2026-01-01T00:00:00Z/PT1S");
        }
    }

    @Test
    void aCronExpressionWithSecondsFires() throws Exception {
        try (TestServer server = TestServer.in(dir).job("cron.json", logJob("cron",
                "[{\"type\": \"schedule\", \"cron\": \"*/1 * * * * *\", \"timeZone\": \"Europe/Paris\"}]", "tick")).start()) {
            JsonNode tasks = server.awaitEnded("cron", 2);

            assertThat(tasks).allSatisfy(task -> assertThat(task.get("status").asText()).isEqualTo("succeeded"));
            JsonNode task = server.get("/api/tasks/" + tasks.get(0).get("id").asText());
            assertThat(task.at("/input/event/timeZone").asText()).isEqualTo("Europe/Paris");
        }
    }

    @Test
    void firingsMissedWhileTheServerWasDownRunOnceOnlyWhenTheScheduleSaysSo() throws Exception {
        String daily = "R/2026-01-01T00:00:00Z/P1D";
        try (TestServer server = TestServer.in(dir)
                .job("once.json", logJob("once", "[{\"type\": \"schedule\", \"every\": \"" + daily + "\", \"misfire\": \"runOnce\"}]",
                        "caught up {{ event.missed }}"))
                .job("skip.json", logJob("skip", "[{\"type\": \"schedule\", \"every\": \"" + daily + "\"}]", "never")).start()) {
            server.stop();
            // the server was down for three days
            try (TaskStore store = TaskStore.open(StoreLocation.dataFolder(server.data))) {
                for (String name : store.settings("schedule.").keySet()) {
                    store.setting(name, Instant.now().minus(Duration.ofDays(3)).toString());
                }
            }
            server.start();

            JsonNode tasks = server.awaitEnded("once", 1);
            assertThat(server.get("/api/tasks/" + tasks.get(0).get("id").asText()).at("/logs/0/text").asText())
                    .isEqualTo("caught up 3");
            assertThat(server.awaitLog(line -> line.contains("missed 3 firings"))).contains("job 'once'");
            assertThat(server.tasks("skip")).isEmpty();
        }
    }

    @Test
    void aFileDroppedIntoAWatchedFolderStartsOneTaskOnceItIsWholeWithItsNode() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        try (TestServer server = TestServer.in(dir).job("drop.json", logJob("drop",
                "[{\"type\": \"file\", \"folder\": \"../inbox\", \"glob\": \"*.csv\", \"debounce\": \"400ms\", "
                        + "\"events\": [\"create\", \"modify\", \"delete\"]}]",
                "{{ nodes.map(n => n.name + ' ' + n.size + ' ' + n.meta.event).join(', ') }}")).start()) {
            Files.writeString(inbox.resolve("ignored.txt"), "not a csv");
            try (OutputStream out = Files.newOutputStream(inbox.resolve("rows.csv"))) {
                for (int i = 0; i < 5; i++) {
                    out.write("a,b,c\n".getBytes());
                    out.flush();
                    Thread.sleep(150); // a slow copy: never quiet for the debounce until it is whole
                }
            }

            JsonNode tasks = server.awaitEnded("drop", 1);
            Thread.sleep(1000); // nothing more comes
            assertThat(server.tasks("drop")).hasSize(1);
            JsonNode task = server.get("/api/tasks/" + tasks.get(0).get("id").asText());
            assertThat(task.get("trigger").asText()).isEqualTo("file");
            assertThat(task.at("/logs/0/text").asText()).isEqualTo("rows.csv 30 create");
            assertThat(task.at("/input/nodes/0/path").asText()).isEqualTo(inbox.resolve("rows.csv").toString());

            Files.delete(inbox.resolve("rows.csv"));
            server.awaitEnded("drop", 2);
            assertThat(server.get("/api/tasks/" + server.tasks("drop").get(0).get("id").asText()).at("/logs/0/text").asText())
                    .isEqualTo("rows.csv null delete");
        }
    }

    @Test
    void aTaskTriggerStartsAJobWhenAnothersTaskEndsSoWithItsMessage() throws Exception {
        try (TestServer server = TestServer.in(dir)
                .job("first.json", """
                        {"id": "first", "triggers": [{"type": "webhook"}],
                         "steps": [{"id": "mark", "action": "core.set", "params": {"vars": {"from": "first"}}}]}
                        """)
                .job("then.json", logJob("then", "[{\"type\": \"task\", \"job\": \"first\"}]",
                        "after {{ event.job }} {{ event.status }}, vars.from={{ vars.from }}"))
                .job("onfail.json", logJob("onfail", "[{\"type\": \"task\", \"job\": \"first\", \"status\": [\"failed\"]}]", "no"))
                .start()) {
            assertThat(server.hook("first", server.hookTokens.get("first"), "application/json", "{}").statusCode()).isEqualTo(202);

            JsonNode then = server.awaitEnded("then", 1);
            JsonNode task = server.get("/api/tasks/" + then.get(0).get("id").asText());
            assertThat(task.at("/logs/0/text").asText()).isEqualTo("after first succeeded, vars.from=first");
            assertThat(task.get("trigger").asText()).isEqualTo("task");
            assertThat(task.at("/input/event/task").asText()).isEqualTo(server.tasks("first").get(0).get("id").asText());
            assertThat(server.tasks("onfail")).isEmpty();
        }
    }

    @Test
    void moreTasksThanAJobsMaxConcurrencyWaitInTheQueueAndAllRun() throws Exception {
        try (TestServer server = TestServer.in(dir).job("slow.json", """
                {"id": "slow", "maxConcurrency": 1, "triggers": [{"type": "webhook"}],
                 "steps": [{"id": "wait", "action": "core.sleep", "params": {"duration": "200ms"}}]}
                """).start()) {
            for (int i = 0; i < 4; i++) {
                assertThat(server.hook("slow", server.hookTokens.get("slow"), "application/json", "{}").statusCode()).isEqualTo(202);
            }

            JsonNode tasks = server.awaitEnded("slow", 4);
            List<Instant[]> spans = new ArrayList<>();
            tasks.forEach(t -> spans.add(new Instant[] {Instant.parse(t.get("startedAt").asText()),
                    Instant.parse(t.get("endedAt").asText())}));
            spans.sort((a, b) -> a[0].compareTo(b[0]));
            for (int i = 1; i < spans.size(); i++) {
                assertThat(spans.get(i)[0]).as("one at a time").isAfterOrEqualTo(spans.get(i - 1)[1]);
            }
        }
    }
}
