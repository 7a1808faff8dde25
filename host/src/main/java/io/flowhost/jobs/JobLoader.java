package io.flowhost.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Durations;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.ParamType;
import io.flowhost.plugins.ActionCatalog;
import io.flowhost.plugins.RegisteredAction;
import io.flowhost.script.Expressions;
import io.flowhost.script.ScriptStep;
import io.flowhost.script.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads job files and checks them before anything runs: JSON syntax, the {@linkplain JobSchema
 * schema}, then what the schema cannot know (actions, their parameters, step ids, durations,
 * template syntax). Every problem of a file is reported, each at its line and column.
 */
public final class JobLoader {

    private final Path file;
    private final LocatedJson json;
    private final ActionCatalog actions;
    private final List<Problem> problems = new ArrayList<>();
    private final CodeChecks code;
    private final Map<String, String> stepIds = new LinkedHashMap<>();
    private final String text;

    private JobLoader(Path file, String text, LocatedJson json, ActionCatalog actions, Expressions expressions) {
        this.file = file;
        this.text = text;
        this.json = json;
        this.actions = actions;
        this.code = new CodeChecks(file, json, expressions);
    }

    /**
     * Reads and checks a job file.
     *
     * @param file        the job file
     * @param actions     the actions steps may use
     * @param expressions checks template syntax; {@code null} to skip that check
     * @return the job
     * @throws InvalidJobException holding every problem, when the file is not a valid job
     */
    public static Job load(Path file, ActionCatalog actions, Expressions expressions) {
        return load(file, read(file), actions, expressions);
    }

    /**
     * Reads and checks job text.
     *
     * @param name        the name problems are reported under, e.g. the file name or {@code <stdin>}
     * @param text        the job's JSON
     * @param actions     the actions steps may use
     * @param expressions checks template syntax; {@code null} to skip that check
     * @return the job
     * @throws InvalidJobException holding every problem, when the text is not a valid job
     */
    public static Job load(Path name, String text, ActionCatalog actions, Expressions expressions) {
        JobLoader loader = check(name, text, actions, expressions);
        List<Problem> problems = loader.sortedProblems();
        if (!problems.isEmpty()) {
            throw new InvalidJobException(problems);
        }
        return loader.job();
    }

    /**
     * Checks a job file without building the job.
     *
     * @return every problem in file order; empty when the job is valid
     */
    public static List<Problem> validate(Path file, ActionCatalog actions, Expressions expressions) {
        try {
            return check(file, read(file), actions, expressions).sortedProblems();
        } catch (InvalidJobException e) {
            return e.problems();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidJobException(List.of(Problem.ofFile(file, 1, 1, "no such file")));
        } catch (IOException e) {
            throw new InvalidJobException(List.of(Problem.ofFile(file, 1, 1, "cannot read the file: " + e.getMessage())));
        }
    }

    private static JobLoader check(Path file, String text, ActionCatalog actions, Expressions expressions) {
        LocatedJson json;
        try {
            json = LocatedJson.parse(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidJobException(List.of(Problem.ofFile(file, at == null ? 1 : at.getLineNr(),
                    at == null ? 1 : at.getColumnNr(), "invalid JSON: " + JsonErrors.reason(e))));
        } catch (JsonLimits.Exceeded e) {
            throw new InvalidJobException(List.of(Problem.ofFile(file, Math.max(1, e.line()), Math.max(1, e.column()),
                    e.getMessage())));
        } catch (IOException e) {
            throw new InvalidJobException(List.of(Problem.ofFile(file, 1, 1, "cannot read the file: " + e.getMessage())));
        }
        JobLoader loader = new JobLoader(file, text, json, actions, expressions);
        if (!json.root.isObject()) {
            loader.problem("", false, "a job must be a JSON object");
            return loader;
        }
        loader.schema();
        loader.semantics();
        return loader;
    }

    private List<Problem> sortedProblems() {
        // a problem inside a script or template file takes the place of the step that names the file
        Comparator<Problem> inJob = Comparator.<Problem>comparingInt(p -> code.placeInJob(p).line())
                .thenComparingInt(p -> code.placeInJob(p).column());
        return java.util.stream.Stream.concat(problems.stream(), code.problems().stream())
                .distinct().sorted(inJob.thenComparing(Problem.ORDER)).toList();
    }

    private void problem(String pointer, boolean atKey, String message) {
        LocatedJson.Location at = atKey ? json.key(pointer) : json.value(pointer);
        problems.add(new Problem(file, at.line(), at.column(), message, pointer));
    }

    // ---- structure: the schema, with its messages put into plain sentences

    private void schema() {
        for (ValidationMessage message : JobSchema.validate(json.root)) {
            String instance = message.getInstanceLocation().toString();
            String pointer = instance.equals("/") ? "" : instance;
            String name = pointer.isEmpty() ? "job" : "'" + readableName(pointer) + "'";
            switch (message.getType()) {
                case "additionalProperties" -> problem(LocatedJson.child(pointer, message.getProperty()), true,
                        "unknown key '" + message.getProperty() + "' in " + what(pointer));
                case "required" -> problem(pointer, false, "'" + message.getProperty() + "' is required in " + what(pointer));
                case "type" -> problem(pointer, false, name + " must be " + typeNames(message) + ", not "
                        + describe(json.root.at(pointer)));
                case "minimum" -> problem(pointer, false, name + " must be at least " + argument(message, 0));
                case "minItems" -> problem(pointer, false, name + " must not be empty");
                case "enum" -> problem(pointer, false, name + " must be one of " + argument(message, 0) + ", not "
                        + json.root.at(pointer));
                case "pattern" -> problem(pointer, false, name + " " + json.root.at(pointer) + " " + patternRule(pointer));
                default -> problem(pointer, false, message.getMessage().replaceFirst("^[^:]*: ", ""));
            }
        }
    }

    /** The last segment of a pointer, or {@code status[0]} for an array's item. */
    private static String readableName(String pointer) {
        String last = lastSegment(pointer);
        if (last.chars().allMatch(Character::isDigit) && pointer.lastIndexOf('/') > 0) {
            return lastSegment(pointer.substring(0, pointer.lastIndexOf('/'))) + "[" + last + "]";
        }
        return last;
    }

    private static String lastSegment(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }

    /** Names the object at {@code pointer} for a reader: the job, a step, a parameter. */
    private String what(String pointer) {
        if (pointer.isEmpty()) {
            return "the job";
        }
        if (pointer.matches("/parameters/\\d+")) {
            return "parameter " + json.root.at(pointer).path("name").asText("#" + lastSegment(pointer));
        }
        if (pointer.matches("/triggers/\\d+")) {
            return "trigger #" + (Integer.parseInt(lastSegment(pointer)) + 1);
        }
        JsonNode node = json.root.at(pointer);
        if (node.has("id") && !pointer.endsWith("/params")) {
            return "step '" + node.path("id").asText() + "'";
        }
        return "'" + lastSegment(pointer) + "'";
    }

    private static String typeNames(ValidationMessage message) {
        Object expected = argument(message, 1);
        String text = String.valueOf(expected).replace("[", "").replace("]", "").replace("\"", "");
        List<String> names = new ArrayList<>();
        for (String type : text.split(",\\s*")) {
            names.add(switch (type.trim()) {
                case "integer", "object", "array" -> "an " + type.trim();
                default -> "a " + type.trim();
            });
        }
        return String.join(" or ", names);
    }

    private static Object argument(ValidationMessage message, int index) {
        Object[] arguments = message.getArguments();
        return arguments != null && arguments.length > index ? arguments[index] : "?";
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> value.isIntegralNumber() ? "an integer" : "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "null";
        };
    }

    private static String patternRule(String pointer) {
        if (pointer.equals("/id")) {
            return "is not a job id: use lowercase letters, digits, '.', '_' and '-'";
        }
        if (pointer.endsWith("/slug")) {
            return "is not a webhook slug: use lowercase letters, digits, '.', '_' and '-'";
        }
        if (pointer.endsWith("/name")) {
            return "is not a parameter name: use letters, digits and '_', not starting with a digit";
        }
        return "is not a step id: use letters, digits, '_' and '-'";
    }

    // ---- meaning: what the schema cannot check

    private void semantics() {
        JsonNode root = json.root;
        if (root.path("timeout").isTextual()) {
            duration("/timeout");
        }
        if (root.path("limits").path("timeout").isTextual()) {
            duration("/limits/timeout");
        }
        JsonNode parameters = root.path("parameters");
        if (parameters.isArray()) {
            Map<String, String> names = new LinkedHashMap<>();
            for (int i = 0; i < parameters.size(); i++) {
                String pointer = "/parameters/" + i;
                JsonNode parameter = parameters.get(i);
                String name = parameter.path("name").asText(null);
                if (name != null && names.putIfAbsent(name, pointer) != null) {
                    problem(pointer + "/name", false, "duplicate parameter '" + name + "'");
                }
                JsonNode value = parameter.get("default");
                if (value != null && !value.isNull() && name != null) {
                    try {
                        JsonNode coerced = ParamTypes.coerce(name, parameterType(parameter), value);
                        ParamTypes.checkAllowed(name, allowed(parameter), coerced);
                    } catch (IllegalArgumentException e) {
                        problem(pointer + "/default", false, "default of " + e.getMessage());
                    }
                }
                if (value != null && parameter.path("required").asBoolean(false)) {
                    problem(pointer + "/default", true, "a required parameter has no default");
                }
            }
        }
        steps(root.path("steps"), "/steps");
        TriggerChecks.check(root, this::problem);
    }

    private static ParamType parameterType(JsonNode parameter) {
        String type = parameter.path("type").asText("string");
        try {
            return ParamType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ParamType.ANY; // the schema reports the unknown type
        }
    }

    private static List<String> allowed(JsonNode parameter) {
        List<String> allowed = new ArrayList<>();
        parameter.path("allowed").forEach(value -> allowed.add(value.asText()));
        return allowed;
    }

    private void steps(JsonNode steps, String pointer) {
        if (!steps.isArray()) {
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            step(steps.get(i), pointer + "/" + i);
        }
    }

    private void step(JsonNode step, String pointer) {
        if (!step.isObject()) {
            return;
        }
        String id = step.path("id").asText(null);
        if (id != null) {
            String first = stepIds.putIfAbsent(id, pointer);
            if (first != null) {
                LocatedJson.Location at = json.value(first + "/id");
                problem(pointer + "/id", false,
                        "duplicate step id '" + id + "' (first at " + at.line() + ":" + at.column() + ")");
            }
        }
        boolean hasAction = step.has("action");
        boolean hasForEach = step.has("forEach");
        boolean hasParallel = step.has("parallel");
        boolean hasFilter = step.has("filter");
        List<String> kinds = new ArrayList<>();
        if (hasAction) {
            kinds.add("'action'");
        }
        if (hasForEach) {
            kinds.add("'forEach'");
        }
        if (hasParallel) {
            kinds.add("'parallel'");
        }
        if (kinds.size() > 1) {
            problem(pointer, false, "a step runs one of 'action', 'forEach' or 'parallel', not " + String.join(" and ", kinds));
        }
        if (kinds.isEmpty() && !hasFilter) {
            problem(pointer, false, "a step needs an 'action', a 'forEach', a 'parallel' or a 'filter'");
        }
        if (step.has("else") && !hasFilter) {
            problem(pointer + "/else", true, "'else' needs a 'filter' on the same step");
        }
        if (step.has("do") && !hasForEach) {
            problem(pointer + "/do", true, "'do' needs a 'forEach' on the same step");
        }
        if (hasForEach && !step.has("do")) {
            problem(pointer + "/forEach", true, "'forEach' needs a 'do' sequence");
        }
        if (step.has("params") && !hasAction) {
            problem(pointer + "/params", true, "'params' needs an 'action' on the same step");
        }
        if (step.path("timeout").isTextual()) {
            duration(pointer + "/timeout");
        }
        if (step.has("timeout") && !hasAction && !hasFilter) {
            // a fan-out's or branches' time is their steps': silently ignoring the limit would be worse
            problem(pointer + "/timeout", true, "'timeout' bounds a step's filter and its action, and "
                    + what(pointer) + " has neither; put it on the steps inside, or use the job's 'timeout'");
        }
        if (step.path("limits").path("timeout").isTextual()) {
            duration(pointer + "/limits/timeout");
        }
        if (step.path("filter").isTextual()) {
            code.template(pointer + "/filter");
        }
        JsonNode forEach = step.path("forEach");
        if (forEach.isTextual() && !forEach.asText().trim().matches("nodes|items")) {
            if (!forEach.asText().contains(CodeChecks.TEMPLATE_START)) {
                problem(pointer + "/forEach", false,
                        "'forEach' must be 'nodes', 'items' or a template giving an array, not '" + forEach.asText() + "'");
            } else {
                code.template(pointer + "/forEach");
            }
        }
        if (step.path("action").isTextual()) {
            action(step, pointer);
        }
        steps(step.path("else"), pointer + "/else");
        steps(step.path("do"), pointer + "/do");
        JsonNode parallel = step.path("parallel");
        if (parallel.isArray()) {
            for (int i = 0; i < parallel.size(); i++) {
                steps(parallel.get(i), pointer + "/parallel/" + i);
            }
        }
    }

    private void action(JsonNode step, String pointer) {
        String id = step.get("action").asText();
        Optional<RegisteredAction> found = actions.find(id);
        if (found.isEmpty()) {
            String suggestion = closest(id, actions.ids()).map(s -> "; did you mean '" + s + "'?").orElse("");
            problem(pointer + "/action", false,
                    "unknown action '" + id + "'" + suggestion + "; " + actions.known(id));
            return;
        }
        ActionDescriptor descriptor = found.get().descriptor();
        Set<String> raw = found.get().action() instanceof ScriptStep script ? script.rawParams() : Set.of();
        JsonNode params = step.path("params");
        List<String> names = descriptor.params().stream().map(ParamSpec::name).toList();
        if (params.isObject()) {
            for (Map.Entry<String, JsonNode> param : params.properties()) {
                String paramPointer = LocatedJson.child(pointer + "/params", param.getKey());
                Optional<ParamSpec> spec = descriptor.param(param.getKey());
                if (spec.isEmpty()) {
                    problem(paramPointer, true, "action '" + id + "' has no parameter '" + param.getKey() + "'; it takes "
                            + names);
                    continue;
                }
                if (!raw.contains(param.getKey())) {
                    templates(param.getValue(), paramPointer);
                }
                if ((raw.contains(param.getKey()) || !holdsTemplate(param.getValue())) && !param.getValue().isNull()) {
                    try {
                        JsonNode coerced = ParamTypes.coerce(spec.get().name(), spec.get().type(), param.getValue());
                        ParamTypes.checkAllowed(spec.get().name(), spec.get().allowed(), coerced);
                    } catch (IllegalArgumentException e) {
                        problem(paramPointer, false, e.getMessage());
                    }
                }
            }
        }
        for (ParamSpec spec : descriptor.params()) {
            if (spec.required() && (!params.isObject() || !params.has(spec.name()))) {
                problem(params.isObject() ? pointer + "/params" : pointer + "/action", false,
                        "action '" + id + "' needs parameter '" + spec.name() + "'");
            }
        }
        if (found.get().action() instanceof ScriptStep) {
            code.script(id, params, pointer);
        }
    }

    private static boolean holdsTemplate(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().contains(CodeChecks.TEMPLATE_START);
        }
        for (JsonNode child : value) {
            if (holdsTemplate(child)) {
                return true;
            }
        }
        return false;
    }

    private void templates(JsonNode value, String pointer) {
        if (value.isTextual()) {
            code.template(pointer);
        } else if (value.isObject()) {
            value.properties().forEach(e -> templates(e.getValue(), LocatedJson.child(pointer, e.getKey())));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                templates(value.get(i), LocatedJson.child(pointer, i));
            }
        }
    }

    private void duration(String pointer) {
        try {
            Durations.parse(json.root.at(pointer).asText());
        } catch (IllegalArgumentException e) {
            problem(pointer, false, e.getMessage());
        }
    }

    /** The known id nearest to {@code id}, when it is a likely typo (edit distance 2 or less). */
    static Optional<String> closest(String id, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = distance(id, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // ---- the model, built once the file is valid

    private Job job() {
        JsonNode root = json.root;
        List<JobParameter> parameters = new ArrayList<>();
        for (JsonNode p : root.path("parameters")) {
            ParamType type = parameterType(p);
            JsonNode value = p.get("default");
            parameters.add(new JobParameter(p.get("name").asText(), type, p.path("description").asText(""),
                    p.path("required").asBoolean(false),
                    value == null || value.isNull() ? null : ParamTypes.coerce(p.get("name").asText(), type, value),
                    allowed(p)));
        }
        String id = root.get("id").asText();
        return new Job(id, root.path("label").asText(id), root.path("description").asText(""), parameters,
                buildSteps(root.path("steps"), "/steps"), root.path("maxConcurrency").asInt(Job.DEFAULT_MAX_CONCURRENCY),
                root.has("timeout") ? Durations.parse(root.get("timeout").asText()) : null, file,
                root.path("limits").isObject() ? (ObjectNode) root.get("limits") : null,
                TriggerChecks.build(root, file), text);
    }

    private List<Step> buildSteps(JsonNode steps, String pointer) {
        List<Step> list = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            list.add(buildStep(steps.get(i), pointer + "/" + i));
        }
        return list;
    }

    private Step buildStep(JsonNode step, String pointer) {
        List<List<Step>> parallel = new ArrayList<>();
        JsonNode branches = step.path("parallel");
        for (int i = 0; i < branches.size(); i++) {
            parallel.add(buildSteps(branches.get(i), pointer + "/parallel/" + i));
        }
        Duration timeout = step.has("timeout") ? Durations.parse(step.get("timeout").asText()) : null;
        return new Step(
                step.get("id").asText(),
                text(step, "label"),
                text(step, "action"),
                step.path("params").isObject() ? (ObjectNode) step.get("params") : null,
                text(step, "filter"),
                buildSteps(step.path("else"), pointer + "/else"),
                text(step, "forEach"),
                buildSteps(step.path("do"), pointer + "/do"),
                parallel,
                timeout,
                step.path("bypass").asBoolean(false),
                step.path("breakAfter").asBoolean(false),
                "continue".equals(step.path("onError").asText()) ? Step.OnError.CONTINUE : Step.OnError.FAIL,
                pointer,
                step.path("limits").isObject() ? (ObjectNode) step.get("limits") : null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
