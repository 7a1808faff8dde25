package io.flowhost.store;

import io.flowhost.api.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * The text form of a task's progress, one line per event, as {@code flowhost run} prints it while the
 * task runs and {@code flowhost logs} (and the API's text log) prints it from the store afterwards:
 *
 * <pre>
 * task 20261123-083249-c4833a7f0 of job 'sort-inbox' started
 *   succeeded list (core.nodes) 19ms
 *   info      big/else/small: small: notes.txt, todo.md
 *   failed    report (core.log) 3ms: reason
 * task 20261123-083249-c4833a7f0 failed in 236ms: step 'report' failed: reason
 * </pre>
 */
public final class TaskLines {
    private TaskLines() {}

    /** @return {@code task ID of job 'JOB' started} */
    public static String started(String taskId, String jobId) {
        return "task " + taskId + " of job '" + jobId + "' started";
    }

    /**
     * @return the step's line; empty for a step that never started ({@code skipped}): a stopped fan-out
     *         may have thousands, which the task's last line counts instead
     */
    public static Optional<String> step(StepStatus status, String path, String action, Optional<Duration> took,
            String error) {
        if (status == StepStatus.SKIPPED) {
            return Optional.empty();
        }
        return Optional.of(String.format("  %-9s %s%s %s%s", status.jsonName(), path,
                action == null ? "" : " (" + action + ")", took.map(Durations::format).orElse(""),
                error == null ? "" : ": " + error));
    }

    /** @return the line of a log line; empty for a failed step's error, which its step line shows */
    public static Optional<String> log(LogLine line) {
        if (line.level() == LogLine.Level.ERROR && !line.step().isEmpty()) {
            return Optional.empty();
        }
        String text = line.text().stripTrailing().replace("\n", "\n            ");
        return Optional.of("  " + line.level().jsonName() + "      " + (line.step().isEmpty() ? "" : line.step() + ": ")
                + text);
    }

    /**
     * @param took       from its start to its end, or empty if it never started
     * @param notStarted how many steps were waiting to run when it stopped
     * @return {@code task ID STATUS in TIME[: error][ (N steps waiting to run did not start)]}
     */
    public static String ended(String taskId, TaskStatus status, Optional<Duration> took, String error, int notStarted) {
        return "task " + taskId + " " + status.jsonName() + took.map(t -> " in " + Durations.format(t)).orElse("")
                + (error == null ? "" : ": " + error)
                + (notStarted == 0 ? "" : " (" + notStarted + " step" + (notStarted == 1 ? "" : "s")
                        + " waiting to run did not start)");
    }
}
