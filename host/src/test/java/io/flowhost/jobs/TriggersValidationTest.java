package io.flowhost.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's {@code triggers}: what validate reports, and what a valid array becomes. */
class TriggersValidationTest {
    private static final Path FILE = Path.of("jobs/x.json");

    private static String job(String triggers) {
        return """
                {"id": "x", "parameters": [{"name": "who"}], "triggers": %s,
                 "steps": [{"id": "a", "action": "core.log", "params": {"message": "hi"}}]}
                """.formatted(triggers);
    }

    private static List<String> problems(String triggers) {
        try {
            JobLoader.load(FILE, job(triggers), Fixtures.ACTIONS, Fixtures.BRACES);
            return List.of();
        } catch (InvalidJobException e) {
            return e.problems().stream().map(p -> p.message() + " (at " + p.pointer() + ")").toList();
        }
    }

    @Test
    void everyKindOfTriggerIsReadIntoItsRecord() {
        Job job = JobLoader.load(FILE, job("""
                [{"type": "schedule", "cron": "0 9 * * MON-FRI", "timeZone": "Europe/Paris", "misfire": "runOnce",
                  "params": {"who": "cron"}},
                 {"type": "schedule", "every": "R/2026-01-01T00:00:00Z/PT1H"},
                 {"type": "webhook"},
                 {"type": "file", "folder": "in", "glob": "*.pdf", "events": ["delete"], "debounce": "2s"},
                 {"type": "task", "job": "other", "status": ["failed", "timed-out"]}]
                """), Fixtures.ACTIONS, Fixtures.BRACES);

        assertThat(job.triggers()).hasSize(5);
        Trigger.Schedule cron = (Trigger.Schedule) job.triggers().get(0);
        assertThat(cron.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(cron.misfire()).isEqualTo(Trigger.Misfire.RUN_ONCE);
        assertThat(cron.params().get("who").asText()).isEqualTo("cron");
        assertThat(((Trigger.Schedule) job.triggers().get(1)).misfire()).isEqualTo(Trigger.Misfire.SKIP);
        assertThat(((Trigger.Webhook) job.triggers().get(2)).slug()).isEqualTo("x");
        Trigger.Files files = (Trigger.Files) job.triggers().get(3);
        assertThat(files.folder()).isEqualTo(Path.of("jobs/in").toAbsolutePath());
        assertThat(files.events()).containsExactly(Trigger.FileEvent.DELETE);
        assertThat(files.debounce()).isEqualTo(Duration.ofSeconds(2));
        assertThat(((Trigger.TaskEnded) job.triggers().get(4)).statuses()).containsExactly("failed", "timed-out");
    }

    @Test
    void mistakesInTriggersAreReportedAtTheirPlace() {
        assertThat(problems("""
                [{"type": "schedule", "cron": "61 * * * *"},
                 {"type": "schedule"},
                 {"type": "schedule", "every": "R/yesterday/PT1H", "timeZone": "Mars/Olympus"},
                 {"type": "webhook", "slug": "Not A Slug", "glob": "*"},
                 {"type": "file", "debounce": "soon"},
                 {"type": "task", "job": "x"},
                 {"type": "task", "job": "y", "status": ["done"]},
                 {"type": "mail"},
                 {"type": "webhook", "params": {"whom": "z"}}]
                """)).containsExactly(
                "invalid cron expression '61 * * * *': Value 61 not in range [0, 59] (at /triggers/0/cron)",
                "a schedule trigger needs one of 'cron' (e.g. \"0 9 * * MON-FRI\") and 'every' (e.g. "
                        + "\"R/2026-01-01T00:00:00Z/PT1H\") (at /triggers/1)",
                "repeating interval 'R/yesterday/PT1H': 'yesterday' is not a date-time with an offset, e.g. "
                        + "2026-01-01T00:00:00Z (at /triggers/2/every)",
                "unknown time zone 'Mars/Olympus'; use a name such as Europe/Paris or UTC (at /triggers/2/timeZone)",
                "'slug' \"Not A Slug\" is not a webhook slug: use lowercase letters, digits, '.', '_' and '-' (at /triggers/3/slug)",
                "a webhook trigger has no 'glob'; it belongs to file triggers; it takes [slug] (at /triggers/3/glob)",
                "a file trigger needs 'folder': the folder to watch (at /triggers/4)",
                "'soon' is not a duration (write e.g. 500ms, 30s, 10m, 1h30m) (at /triggers/4/debounce)",
                "a task trigger on its own job makes a loop: each task would start the next (at /triggers/5/job)",
                "'status[0]' must be one of [\"succeeded\", \"failed\", \"cancelled\", \"timed-out\", \"interrupted\"], not "
                        + "\"done\" (at /triggers/6/status/0)",
                "'type' must be one of [\"schedule\", \"webhook\", \"file\", \"task\"], not \"mail\" (at /triggers/7/type)",
                "the trigger sets parameter 'whom', which the job does not declare; it declares [who] (at /triggers/8/params/whom)");
    }
}
