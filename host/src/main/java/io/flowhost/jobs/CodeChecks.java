package io.flowhost.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowhost.script.Expressions;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The syntax of the job author's code, as a step will meet it: templates in parameters, and the
 * bodies {@code script.js} and {@code script.template} run, inline or in a file. A problem inside
 * a file is reported in that file's own lines and columns.
 */
final class CodeChecks {
    static final String TEMPLATE_START = "{{";

    private enum Kind { SCRIPT, TEMPLATE }

    private final Path jobFile;
    private final LocatedJson json;
    private final Expressions expressions;
    private final List<Problem> problems = new ArrayList<>();
    /** Where in the job file a problem found in another file comes from: the file parameter naming it. */
    private final Map<Problem, LocatedJson.Location> cameFrom = new HashMap<>();

    /** @param expressions checks syntax; {@code null} to check only that the files are there */
    CodeChecks(Path jobFile, LocatedJson json, Expressions expressions) {
        this.jobFile = jobFile;
        this.json = json;
        this.expressions = expressions;
    }

    List<Problem> problems() {
        return problems;
    }

    /** @return where in the job file the problem is, or comes from when it is in another file */
    LocatedJson.Location placeInJob(Problem problem) {
        LocatedJson.Location origin = cameFrom.get(problem);
        return origin != null ? origin : new LocatedJson.Location(problem.line(), problem.column(), 0);
    }

    /** Checks the template that is the string at {@code pointer}. */
    void template(String pointer) {
        String text = json.root.at(pointer).asText();
        if (expressions == null || !text.contains(TEMPLATE_START)) {
            return;
        }
        for (TemplateException e : expressions.check(text)) {
            LocatedJson.Location at = json.inString(pointer, e.line(), e.column());
            problems.add(new Problem(jobFile, at.line(), at.column(), "template: " + e.getMessage(), pointer));
        }
    }

    /**
     * Checks what a built-in script action will run, as it will read it: one of its inline
     * parameter and {@code file}, the file relative to the job file, then the syntax.
     *
     * @param actionId {@code script.js} or {@code script.template}; other actions have no code
     * @param params   the step's parameters as written
     * @param pointer  the step's pointer
     */
    void script(String actionId, JsonNode params, String pointer) {
        String inline;
        Kind kind;
        switch (actionId) {
            case "script.js" -> {
                inline = "code";
                kind = Kind.SCRIPT;
            }
            case "script.template" -> {
                inline = "template";
                kind = Kind.TEMPLATE;
            }
            default -> {
                return;
            }
        }
        boolean hasInline = params.has(inline);
        boolean hasFile = params.has("file");
        if (hasInline && hasFile) {
            problem(json.key(pointer + "/params/file"), "action '" + actionId + "' takes either '" + inline
                    + "' or 'file', not both", pointer + "/params/file");
        } else if (!hasInline && !hasFile) {
            String at = params.isObject() ? pointer + "/params" : pointer + "/action";
            problem(json.value(at), "action '" + actionId + "' needs either '" + inline + "' or 'file'", at);
        } else if (hasInline && params.get(inline).isTextual()) {
            inline(kind, pointer + "/params/" + inline);
        } else if (hasFile && params.get("file").isTextual()) {
            file(kind, pointer + "/params/file");
        }
        // a parameter of the wrong type is reported with the other parameters
    }

    private void inline(Kind kind, String pointer) {
        if (kind == Kind.TEMPLATE) {
            template(pointer);
            return;
        }
        for (TemplateException e : scriptSyntax(json.root.at(pointer).textValue())) {
            LocatedJson.Location at = json.inString(pointer, e.line(), e.column());
            problems.add(new Problem(jobFile, at.line(), at.column(), e.getMessage(), pointer));
        }
    }

    /** The file is read as the step will read it: relative to the job file's folder. */
    private void file(Kind kind, String pointer) {
        String name = json.root.at(pointer).textValue();
        Path folder = jobFile.getParent();
        Path file = (folder == null ? Path.of(name) : folder.resolve(name)).normalize();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            problem(json.value(pointer), "no such file: " + file, pointer);
            return;
        } catch (IOException e) {
            problem(json.value(pointer), "cannot read " + file + ": " + e.getMessage(), pointer);
            return;
        }
        List<TemplateException> found = kind == Kind.TEMPLATE
                ? (expressions == null || !text.contains(TEMPLATE_START) ? List.of() : expressions.check(text))
                : scriptSyntax(text);
        for (TemplateException e : found) {
            Problem problem = new Problem(file, Math.max(1, e.line()), Math.max(1, e.column()),
                    (kind == Kind.TEMPLATE ? "template: " : "") + e.getMessage(), pointer);
            problems.add(problem);
            cameFrom.put(problem, json.value(pointer));
        }
    }

    /** The syntax errors of a script body, in the body's own lines and columns; only the JavaScript sandbox knows them. */
    private List<TemplateException> scriptSyntax(String body) {
        return expressions instanceof JsExpressions js ? js.checkScript(body) : List.of();
    }

    private void problem(LocatedJson.Location at, String message, String pointer) {
        problems.add(new Problem(jobFile, at.line(), at.column(), message, pointer));
    }
}
