package io.flowhost.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Durations;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A job's {@code triggers}: what the schema cannot check (which keys belong to which type, cron
 * expressions, intervals, zones, durations, globs, a task trigger on its own job), and the
 * {@link Trigger}s built from a valid array. The schema has checked the keys' JSON types.
 */
final class TriggerChecks {
    /** The keys each type of trigger takes, beside {@code type} and {@code params}. */
    private static final Map<String, List<String>> KEYS = Map.of(
            "schedule", List.of("cron", "every", "timeZone", "misfire"),
            "webhook", List.of("slug"),
            "file", List.of("folder", "glob", "events", "debounce"),
            "task", List.of("job", "status"));
    static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(1);

    /** Where a problem is reported. */
    interface Problems {
        void add(String pointer, boolean atKey, String message);
    }

    private TriggerChecks() {}

    static void check(JsonNode root, Problems problems) {
        JsonNode triggers = root.path("triggers");
        if (!triggers.isArray()) {
            return;
        }
        Map<String, String> slugs = new LinkedHashMap<>();
        for (int i = 0; i < triggers.size(); i++) {
            JsonNode trigger = triggers.get(i);
            String pointer = "/triggers/" + i;
            String type = trigger.path("type").asText("");
            List<String> keys = KEYS.get(type);
            if (keys == null) {
                continue; // the schema reports a missing or unknown type
            }
            for (Map.Entry<String, JsonNode> field : trigger.properties()) {
                String key = field.getKey();
                if (!key.equals("type") && !key.equals("params") && !keys.contains(key)) {
                    String owner = KEYS.entrySet().stream().filter(e -> e.getValue().contains(key)).map(Map.Entry::getKey)
                            .findFirst().map(t -> "; it belongs to " + t + " triggers").orElse("");
                    problems.add(LocatedJson.child(pointer, key), true, "a " + type + " trigger has no '" + key + "'"
                            + owner + "; it takes " + keys);
                }
            }
            params(root, trigger, pointer, problems);
            switch (type) {
                case "schedule" -> schedule(trigger, pointer, problems);
                case "webhook" -> {
                    String slug = trigger.path("slug").asText(root.path("id").asText(""));
                    String first = slugs.putIfAbsent(slug, pointer);
                    if (first != null) {
                        problems.add(pointer + "/slug", false, "the job has two webhooks named '" + slug + "'");
                    }
                }
                case "file" -> files(trigger, pointer, problems);
                case "task" -> task(root, trigger, pointer, problems);
                default -> throw new IllegalStateException(type);
            }
        }
    }

    /** A trigger's {@code params} name parameters the job declares. */
    private static void params(JsonNode root, JsonNode trigger, String pointer, Problems problems) {
        JsonNode params = trigger.path("params");
        if (!params.isObject()) {
            return;
        }
        List<String> declared = new ArrayList<>();
        root.path("parameters").forEach(p -> declared.add(p.path("name").asText()));
        for (Map.Entry<String, JsonNode> param : params.properties()) {
            if (!declared.contains(param.getKey())) {
                problems.add(LocatedJson.child(pointer + "/params", param.getKey()), true, "the trigger sets parameter '"
                        + param.getKey() + "', which the job does not declare; it declares " + declared);
            }
        }
    }

    private static void schedule(JsonNode trigger, String pointer, Problems problems) {
        boolean cron = trigger.has("cron");
        boolean every = trigger.has("every");
        if (cron == every) {
            problems.add(pointer, false, "a schedule trigger needs one of 'cron' (e.g. \"0 9 * * MON-FRI\") and 'every' "
                    + "(e.g. \"R/2026-01-01T00:00:00Z/PT1H\")");
        } else {
            try {
                recurrence(trigger);
            } catch (IllegalArgumentException e) {
                problems.add(pointer + (cron ? "/cron" : "/every"), false, e.getMessage());
            }
        }
        if (trigger.has("timeZone")) {
            try {
                ZoneId.of(trigger.get("timeZone").asText());
            } catch (DateTimeException e) {
                problems.add(pointer + "/timeZone", false, "unknown time zone '" + trigger.get("timeZone").asText()
                        + "'; use a name such as Europe/Paris or UTC");
            }
        }
    }

    private static void files(JsonNode trigger, String pointer, Problems problems) {
        if (!trigger.hasNonNull("folder") || trigger.get("folder").asText().isBlank()) {
            problems.add(pointer, false, "a file trigger needs 'folder': the folder to watch");
        }
        if (trigger.has("glob")) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + trigger.get("glob").asText());
            } catch (RuntimeException e) {
                problems.add(pointer + "/glob", false, "invalid glob '" + trigger.get("glob").asText() + "': " + e.getMessage());
            }
        }
        if (trigger.has("debounce")) {
            try {
                Durations.parse(trigger.get("debounce").asText());
            } catch (IllegalArgumentException e) {
                problems.add(pointer + "/debounce", false, e.getMessage());
            }
        }
    }

    private static void task(JsonNode root, JsonNode trigger, String pointer, Problems problems) {
        if (!trigger.hasNonNull("job")) {
            problems.add(pointer, false, "a task trigger needs 'job': the job whose tasks start this one");
        } else if (trigger.get("job").asText().equals(root.path("id").asText(null))) {
            problems.add(pointer + "/job", false, "a task trigger on its own job makes a loop: each task would start the next");
        }
    }

    private static Recurrence recurrence(JsonNode trigger) {
        return trigger.has("cron") ? Recurrence.cron(trigger.get("cron").asText())
                : Recurrence.repeating(trigger.get("every").asText());
    }

    /** The triggers of a valid job, read from {@code file} (whose folder relative file folders are in). */
    static List<Trigger> build(JsonNode root, Path file) {
        List<Trigger> built = new ArrayList<>();
        Path base = file == null || file.toAbsolutePath().getParent() == null ? Path.of("").toAbsolutePath()
                : file.toAbsolutePath().getParent();
        for (JsonNode trigger : root.path("triggers")) {
            ObjectNode params = trigger.path("params").isObject() ? (ObjectNode) trigger.get("params") : null;
            built.add(switch (trigger.get("type").asText()) {
                case "schedule" -> new Trigger.Schedule(trigger.has("cron") ? trigger.get("cron").asText()
                        : trigger.get("every").asText(), recurrence(trigger),
                        trigger.has("timeZone") ? ZoneId.of(trigger.get("timeZone").asText()) : ZoneId.systemDefault(),
                        "runOnce".equals(trigger.path("misfire").asText()) ? Trigger.Misfire.RUN_ONCE : Trigger.Misfire.SKIP,
                        params);
                case "webhook" -> new Trigger.Webhook(trigger.path("slug").asText(root.get("id").asText()), params);
                case "file" -> new Trigger.Files(base.resolve(trigger.get("folder").asText()).normalize(),
                        trigger.path("glob").asText("*"), fileEvents(trigger.get("events")),
                        trigger.has("debounce") ? Durations.parse(trigger.get("debounce").asText()) : DEFAULT_DEBOUNCE,
                        params);
                case "task" -> new Trigger.TaskEnded(trigger.get("job").asText(), statuses(trigger.get("status")), params);
                default -> throw new IllegalStateException("unchecked trigger type " + trigger.get("type"));
            });
        }
        return built;
    }

    private static Set<Trigger.FileEvent> fileEvents(JsonNode events) {
        if (events == null || events.isEmpty()) {
            return EnumSet.of(Trigger.FileEvent.CREATE, Trigger.FileEvent.MODIFY);
        }
        Set<Trigger.FileEvent> set = EnumSet.noneOf(Trigger.FileEvent.class);
        events.forEach(event -> set.add(Trigger.FileEvent.valueOf(event.asText().toUpperCase(Locale.ROOT))));
        return set;
    }

    private static List<String> statuses(JsonNode statuses) {
        if (statuses == null || statuses.isEmpty()) {
            return List.of("succeeded");
        }
        List<String> list = new ArrayList<>();
        statuses.forEach(status -> list.add(status.asText()));
        return list;
    }
}
