package io.flowhost.run;

import io.flowhost.jobs.Job;
import io.flowhost.jobs.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a step execution of a job: a step path such as {@code each[0]/thumb} or {@code big/else/small},
 * which is one execution, or a bare step id such as {@code thumb}, which is the first execution of that
 * step the run reaches (in a fan-out, whichever element gets there first).
 *
 * @param selector the path or id as given
 */
public record StepSelector(String selector) {
    private static final Pattern SEGMENT = Pattern.compile("([^/\\[\\]]+)(?:\\[(\\d{1,9})])?");

    public StepSelector {
        Objects.requireNonNull(selector, "selector");
    }

    /**
     * @param job  the job to run
     * @param step a step path or a step id
     * @return a selector of a step that the job has
     * @throws IllegalArgumentException naming the job's step ids, if the job has no such step
     */
    public static StepSelector of(Job job, String step) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(step, "step");
        StepSelector selector = new StepSelector(step);
        boolean known = selector.isId()
                ? ids(job.steps()).contains(step)
                : resolves(job.steps(), step.split("/", -1), 0);
        if (!known) {
            throw new IllegalArgumentException("job '" + job.id() + "' has no step '" + step + "'; its step ids are "
                    + ids(job.steps()) + " (a path looks like each[0]/thumb or big/else/small)");
        }
        return selector;
    }

    /** @return whether the execution of {@code step} at {@code path} is the one selected (the first one, for an id) */
    boolean matches(Step step, String path) {
        return isId() ? step.id().equals(selector) : path.equals(selector);
    }

    private boolean isId() {
        return selector.indexOf('/') < 0 && selector.indexOf('[') < 0;
    }

    private static boolean resolves(List<Step> sequence, String[] segments, int index) {
        Matcher segment = SEGMENT.matcher(segments[index]);
        if (!segment.matches()) {
            return false;
        }
        Optional<Step> found = sequence.stream().filter(s -> s.id().equals(segment.group(1))).findFirst();
        if (found.isEmpty()) {
            return false;
        }
        Step step = found.get();
        boolean last = index == segments.length - 1;
        if (segment.group(2) != null) {
            int branch = Integer.parseInt(segment.group(2));
            if (last) {
                return false; // a path names a step, and each[0] is a branch
            }
            if (step.forEach() != null) {
                return resolves(step.doSteps(), segments, index + 1);
            }
            return branch < step.parallel().size() && resolves(step.parallel().get(branch), segments, index + 1);
        }
        if (last) {
            return true;
        }
        return segments[index + 1].equals("else") && index + 2 < segments.length
                && resolves(step.elseSteps(), segments, index + 2);
    }

    private static List<String> ids(List<Step> sequence) {
        List<String> ids = new ArrayList<>();
        for (Step step : sequence) {
            ids.add(step.id());
            ids.addAll(ids(step.elseSteps()));
            ids.addAll(ids(step.doSteps()));
            step.parallel().forEach(branch -> ids.addAll(ids(branch)));
        }
        return ids;
    }
}
