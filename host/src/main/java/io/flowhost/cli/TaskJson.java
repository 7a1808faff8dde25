package io.flowhost.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.store.TaskSummary;
import java.time.Instant;

/** A task summary as JSON, as {@code flowhost tasks --json} prints it. */
final class TaskJson {
    private TaskJson() {}

    static ObjectNode summary(TaskSummary task) {
        return Inputs.JSON.createObjectNode()
                .put("id", task.id())
                .put("job", task.jobId())
                .put("status", task.status().jsonName())
                .put("trigger", task.trigger())
                .put("queuedAt", time(task.queuedAt()))
                .put("startedAt", time(task.startedAt()))
                .put("endedAt", time(task.endedAt()))
                .put("error", task.error())
                .put("rerunOf", task.rerunOf());
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
