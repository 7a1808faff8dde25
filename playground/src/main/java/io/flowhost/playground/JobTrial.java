package io.flowhost.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.cli.UserError;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.JobParameter;
import io.flowhost.jobs.JobParameters;
import io.flowhost.jobs.Step;
import io.flowhost.script.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job whose steps are being tried ({@code --job FILE [--step ID]}): its parameters typed and
 * defaulted as {@code flowhost run --param} does, and each step's templates and scripts as the
 * step will evaluate them.
 */
final class JobTrial {
    /**
     * One template or script of a step.
     *
     * @param where what it is in the step: {@code filter}, {@code params.message}, {@code code},
     *              {@code file ../js/stats.js}
     * @param text  the template or script body
     * @param mode  how the step evaluates it
     */
    record Code(String where, String text, Session.Mode mode) {}

    private final Job job;

    JobTrial(Job job) {
        this.job = Objects.requireNonNull(job, "job");
    }

    Job job() {
        return job;
    }

    /**
     * @param overrides {@code NAME=VALUE} texts, as {@code --param} gives them
     * @return every declared parameter with its value, converted to its declared type
     * @throws UserError naming the parameter that is unknown, missing or of the wrong type
     */
    ObjectNode params(Map<String, String> overrides) {
        try {
            return JobParameters.resolve(job, overrides);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** @return every step, depth first, as the job file lists them */
    List<Step> steps() {
        List<Step> all = new ArrayList<>();
        collect(job.steps(), all);
        return all;
    }

    private static void collect(List<Step> steps, List<Step> into) {
        for (Step step : steps) {
            into.add(step);
            collect(step.elseSteps(), into);
            collect(step.doSteps(), into);
            step.parallel().forEach(branch -> collect(branch, into));
        }
    }

    /** @throws UserError naming the steps there are, when there is none with that id */
    Step step(String id) {
        return steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() -> new UserError(
                "job '" + job.id() + "' has no step '" + id + "'" + io.flowhost.cli.Suggestions.didYouMean(id, stepIds())
                        + "; its steps: " + String.join(", ", stepIds())));
    }

    List<String> stepIds() {
        return steps().stream().map(Step::id).toList();
    }

    /** @return the limits the step's templates and scripts run under: the defaults, the job's, the step's */
    Limits limits(Limits defaults, Step step) {
        return defaults.with(job.limits()).with(step.limits());
    }

    /** @return what the step evaluates, in the order it does: filter, forEach, then its action's parameters */
    List<Code> code(Step step) {
        List<Code> code = new ArrayList<>();
        if (step.filter() != null) {
            code.add(new Code("filter", step.filter(), Session.Mode.TEMPLATE));
        }
        if (step.forEach() != null && step.forEach().contains("{{")) {
            code.add(new Code("forEach", step.forEach(), Session.Mode.TEMPLATE));
        }
        ObjectNode params = step.params();
        String action = step.actionId().orElse("");
        for (Map.Entry<String, JsonNode> param : params.properties()) {
            String name = param.getKey();
            JsonNode value = param.getValue();
            if (action.equals("script.js") && (name.equals("code") || name.equals("file")) && value.isTextual()) {
                code.add(body(name, value.textValue(), Session.Mode.JS));
            } else if (action.equals("script.template") && (name.equals("template") || name.equals("file"))
                    && value.isTextual()) {
                code.add(body(name, value.textValue(), Session.Mode.TEMPLATE));
            } else {
                templates("params." + name, value, code);
            }
        }
        return code;
    }

    private Code body(String name, String value, Session.Mode mode) {
        if (!name.equals("file")) {
            return new Code(name, value, mode);
        }
        Path folder = Optional.ofNullable(job.source()).map(p -> p.toAbsolutePath().getParent()).orElse(Path.of(""));
        Path file = folder.resolve(value).normalize();
        try {
            return new Code("file " + value, Files.readString(file), mode);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void templates(String where, JsonNode value, List<Code> into) {
        if (value.isTextual() && value.textValue().contains("{{")) {
            into.add(new Code(where, value.textValue(), Session.Mode.TEMPLATE));
        } else if (value.isObject()) {
            value.properties().forEach(e -> templates(where + "." + e.getKey(), e.getValue(), into));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                templates(where + "[" + i + "]", value.get(i), into);
            }
        }
    }

    /** @return the job in a few lines: its parameters with their values, its steps with what they evaluate */
    String describe(ObjectNode params) {
        StringBuilder out = new StringBuilder("job '" + job.id() + "'");
        if (!job.parameters().isEmpty()) {
            out.append("\n  params:");
            for (JobParameter parameter : job.parameters()) {
                out.append(' ').append(parameter.name()).append('=')
                        .append(params.has(parameter.name()) ? params.get(parameter.name()).toString() : "(none)")
                        .append(" (").append(parameter.type().jsonName()).append(')');
            }
        }
        out.append("\n  steps:");
        for (Step step : steps()) {
            List<Code> code = code(step);
            out.append("\n    ").append(step.id()).append(step.actionId().map(a -> " (" + a + ")").orElse(""));
            if (!code.isEmpty()) {
                out.append(": ").append(String.join(", ", code.stream().map(Code::where).toList()));
            }
        }
        return out.append("\n  :step ID loads a step's first template (:step ID WHERE another one)").toString();
    }
}
