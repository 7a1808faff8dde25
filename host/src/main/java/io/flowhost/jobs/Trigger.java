package io.flowhost.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What starts a job's tasks on a server, as its {@code triggers} array declares: a schedule, a
 * webhook, events in a folder, or the end of another job's task. Manual runs (the CLI, the API)
 * need no trigger. Every trigger may set parameters of the job ({@code params}).
 */
public sealed interface Trigger {

    /** @return values of the job's parameters for the tasks this trigger starts (possibly empty) */
    ObjectNode params();

    /** @return the trigger's type as the job file names it: {@code schedule}, {@code webhook}, {@code file}, {@code task} */
    String type();

    /** What a schedule does about firings missed while the server was down. */
    enum Misfire {
        /** Forget them: the next firing is the next one after now. */
        SKIP,
        /** Run once at start for all of them, then go on as scheduled. */
        RUN_ONCE
    }

    /**
     * {@code {"type": "schedule", "cron": "0 9 * * MON-FRI"}} or {@code {"type": "schedule", "every": "R/2026-01-01T00:00:00Z/PT1H"}}.
     *
     * @param expression the cron expression or repeating interval as written
     * @param recurrence when it fires
     * @param zone       the time zone cron fields are read in
     * @param misfire    what to do about firings missed while the server was down
     */
    record Schedule(String expression, Recurrence recurrence, ZoneId zone, Misfire misfire, ObjectNode params)
            implements Trigger {
        public Schedule {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(recurrence, "recurrence");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(misfire, "misfire");
            params = copy(params);
        }

        @Override
        public String type() {
            return "schedule";
        }
    }

    /**
     * {@code {"type": "webhook", "slug": "github-push"}}: {@code POST /hooks/SLUG} starts a task.
     *
     * @param slug the hook's name in its URL
     */
    record Webhook(String slug, ObjectNode params) implements Trigger {
        public Webhook {
            Objects.requireNonNull(slug, "slug");
            params = copy(params);
        }

        @Override
        public String type() {
            return "webhook";
        }
    }

    /** A change in a watched folder. */
    enum FileEvent { CREATE, MODIFY, DELETE }

    /**
     * {@code {"type": "file", "folder": "in", "glob": "*.pdf"}}: files that appear, change or go in a folder.
     *
     * @param folder   the folder watched (not its subfolders)
     * @param glob     which file names count, e.g. {@code *.pdf}
     * @param events   which changes count
     * @param debounce how long a file must stay unchanged before its event counts (a file being
     *                 written is not taken half-written), and how long events are gathered into one task
     */
    record Files(Path folder, String glob, Set<FileEvent> events, Duration debounce, ObjectNode params) implements Trigger {
        public Files {
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(glob, "glob");
            events = Set.copyOf(events);
            Objects.requireNonNull(debounce, "debounce");
            params = copy(params);
        }

        @Override
        public String type() {
            return "file";
        }
    }

    /**
     * {@code {"type": "task", "job": "fetch", "status": ["succeeded"]}}: a task of another job ended so.
     *
     * @param job      the other job's id
     * @param statuses the statuses that start a task, as reports name them ({@code succeeded}, {@code failed}...)
     */
    record TaskEnded(String job, List<String> statuses, ObjectNode params) implements Trigger {
        public TaskEnded {
            Objects.requireNonNull(job, "job");
            statuses = List.copyOf(statuses);
            params = copy(params);
        }

        @Override
        public String type() {
            return "task";
        }
    }

    private static ObjectNode copy(ObjectNode params) {
        return params == null ? JsonNodeFactory.instance.objectNode() : params.deepCopy();
    }
}
