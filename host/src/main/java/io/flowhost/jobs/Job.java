package io.flowhost.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job: a sequence of steps with parameters and limits, as read from a job file.
 *
 * @param id             the job id
 * @param label          a human title (the id when the file has none)
 * @param description    longer documentation, possibly empty
 * @param parameters     the parameters a run may override
 * @param steps          the top-level sequence
 * @param maxConcurrency how many actions of one task may run at once (fan-out and branches)
 * @param timeout        the whole task's time limit, or {@code null} for none
 * @param source         the file the job was read from, or {@code null}
 * @param limits         the script limits of its steps ({@code {"timeout": "5s", ...}}), or {@code null}
 * @param triggers       what starts its tasks on a server
 * @param text           the job file's text, exactly as read (what a task records), or {@code null} for
 *                       a job built in code
 */
public record Job(
        String id,
        String label,
        String description,
        List<JobParameter> parameters,
        List<Step> steps,
        int maxConcurrency,
        Duration timeout,
        Path source,
        com.fasterxml.jackson.databind.node.ObjectNode limits,
        List<Trigger> triggers,
        String text) {

    /** The default of {@code maxConcurrency}. */
    public static final int DEFAULT_MAX_CONCURRENCY = 4;

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        parameters = List.copyOf(parameters);
        steps = List.copyOf(steps);
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, not " + maxConcurrency);
        }
    }

    /** @return the parameter of that name, if the job declares it */
    public Optional<JobParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** @return the job timeout, if it has one */
    public Optional<Duration> timeLimit() {
        return Optional.ofNullable(timeout);
    }
}
