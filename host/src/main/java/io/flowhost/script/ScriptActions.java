package io.flowhost.script;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Message;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import io.flowhost.plugins.RegisteredAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The host's built-in actions that run the job author's code: {@code script.js} and {@code script.template}. */
public final class ScriptActions {
    static final String ORIGIN = "built-in";

    private ScriptActions() {}

    /** @return {@code script.js} and {@code script.template}, evaluating with {@code expressions} */
    public static List<RegisteredAction> builtIns(JsExpressions expressions) {
        return List.of(register(new JavaScript(expressions)), register(new TemplateAction(expressions)));
    }

    private static RegisteredAction register(Action action) {
        return new RegisteredAction(action.descriptor(), action, ORIGIN);
    }

    /** The code of a {@code code}/{@code template} parameter, or of the file its {@code file} parameter names. */
    private static String code(ActionContext context, Path jobDirectory, String inline) throws IOException {
        boolean hasInline = context.params().has(inline);
        boolean hasFile = context.params().has("file");
        if (hasInline == hasFile) {
            throw new IllegalArgumentException("give either '" + inline + "' or 'file', not " + (hasInline ? "both" : "neither"));
        }
        if (hasInline) {
            return context.params().string(inline);
        }
        Path file = jobDirectory.resolve(context.params().string("file")).normalize();
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        }
    }

    private abstract static class Base implements Action, ScriptStep {
        @Override
        public StepResult run(ActionContext context) {
            throw new IllegalStateException(descriptor().id() + " runs only inside the host's runner");
        }
    }

    /** {@code script.js}. */
    static final class JavaScript extends Base {
        private final JsExpressions expressions;

        JavaScript(JsExpressions expressions) {
            this.expressions = expressions;
        }

        @Override
        public ActionDescriptor descriptor() {
            return ActionDescriptor.builder("script.js")
                    .label("Run JavaScript")
                    .category("script")
                    .summary("Runs a JavaScript function body in the sandbox; what it returns is the step's output")
                    .description("""
                            The body sees the template scope (message, node, nodes, item, items, vars, last, params, \
                            event, run) and every template helper. It may call setVar(name, value), setNodes(array), \
                            setItems(array), and console.log/info/warn/error (into the task log). A returned string \
                            becomes the output's 'string', any other value its 'json'; a returned promise is awaited. \
                            Give the code inline ('code') or as a file relative to the job file ('file').""")
                    .param(ParamSpec.string("code", "The function body, e.g. return nodes.length"))
                    .param(ParamSpec.string("file", "A .js file holding the body, relative to the job file (not a template)"))
                    .build();
        }

        /** The file is raw too: a name rendered from message data must never choose which code runs. */
        @Override
        public Set<String> rawParams() {
            return Set.of("code", "file");
        }

        @Override
        public StepResult run(ActionContext context, Scope scope, Path jobDirectory) throws IOException {
            String code = code(context, jobDirectory, "code");
            JsExpressions.ScriptResult result = expressions.runScript(code, scope, expressions.limits(scope),
                    (level, text) -> {
                        switch (level) {
                            case "warn" -> context.log().warn(text);
                            case "error" -> context.log().error(text);
                            default -> context.log().info(text);
                        }
                    }, context::isCancelled);
            Message message = context.message();
            for (Map.Entry<String, JsonNode> entry : result.vars().entrySet()) {
                message = message.withVar(entry.getKey(), entry.getValue());
            }
            if (result.nodes() != null) {
                message = message.withNodes(result.nodes());
            }
            if (result.items() != null) {
                message = message.withItems(result.items());
            }
            JsonNode value = result.value();
            StepResult out = value == null || value.isNull() ? StepResult.ok()
                    : value.isTextual() ? StepResult.ok(value.textValue()) : StepResult.ok(value);
            return out.withMessage(message);
        }
    }

    /** {@code script.template}. */
    static final class TemplateAction extends Base {
        private final JsExpressions expressions;

        TemplateAction(JsExpressions expressions) {
            this.expressions = expressions;
        }

        @Override
        public ActionDescriptor descriptor() {
            return ActionDescriptor.builder("script.template")
                    .label("Render a template")
                    .category("script")
                    .summary("Renders a {{ }} template into the output's 'string', or into a variable")
                    .param(ParamSpec.string("template", "The template text"))
                    .param(ParamSpec.string("file", "A file holding the template, relative to the job file (not a template)"))
                    .param(ParamSpec.string("var", "Store the text in this variable instead of the output"))
                    .build();
        }

        @Override
        public Set<String> rawParams() {
            return Set.of("template", "file");
        }

        @Override
        public StepResult run(ActionContext context, Scope scope, Path jobDirectory) throws IOException {
            String template = code(context, jobDirectory, "template");
            JsonNode rendered = expressions.render(com.fasterxml.jackson.databind.node.TextNode.valueOf(template), scope,
                    expressions.limits(scope), context::isCancelled);
            String text = rendered.isTextual() ? rendered.textValue() : rendered.toString();
            if (context.params().has("var")) {
                return StepResult.ok().withMessage(context.message().withVar(context.params().string("var"), text));
            }
            return StepResult.ok(text);
        }
    }
}
