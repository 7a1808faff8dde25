package io.flowhost.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.Parameters;
import io.flowhost.script.Expressions;
import io.flowhost.script.Scope;
import io.flowhost.script.TemplateException;
import io.flowhost.script.helpers.Secrets;
import java.util.Set;

/**
 * Turns a step's parameters as written into the values its action receives: the one place where
 * templates are rendered; defaults, required parameters and types are then checked by
 * {@link ActionDescriptor#check}, as plugin tests check them.
 */
final class ParamValues {
    private ParamValues() {}

    /**
     * @param raw    parameters passed on as written, never rendered (e.g. a script's code)
     * @param reveal whether secrets' placeholders become their values: for plugin actions, never for
     *               the host's script actions, whose code would then see them
     * @throws StepError naming the parameter that could not be evaluated or has the wrong type
     */
    static Parameters evaluate(ActionDescriptor descriptor, ObjectNode written, Expressions expressions, Scope scope,
            Set<String> raw, boolean reveal) {
        // secret('NAME') in these templates gives placeholders of this rendering alone (Secrets.rendering)
        ObjectNode rendered = Secrets.rendering(nonce -> render(descriptor, written, expressions, scope, raw,
                reveal ? nonce : null));
        try {
            return descriptor.check(rendered);
        } catch (IllegalArgumentException e) {
            throw new StepError(e.getMessage());
        }
    }

    /** @param nonce the rendering's nonce, whose placeholders become secret values; {@code null} to reveal none */
    private static ObjectNode render(ActionDescriptor descriptor, ObjectNode written, Expressions expressions, Scope scope,
            Set<String> raw, String nonce) {
        ObjectNode rendered = JsonNodeFactory.instance.objectNode();
        for (java.util.Map.Entry<String, JsonNode> field : written.properties()) {
            if (descriptor.param(field.getKey()).isEmpty()) {
                rendered.set(field.getKey(), field.getValue()); // check() names it
            }
        }
        for (ParamSpec spec : descriptor.params()) {
            JsonNode value = written.get(spec.name());
            if (value == null) {
                continue;
            }
            if (!raw.contains(spec.name())) {
                try {
                    value = expressions.render(value, scope);
                } catch (TemplateException e) {
                    throw new StepError("parameter '" + spec.name() + "': " + e.located() + " in '" + e.source() + "'", e);
                }
            }
            boolean missing = value == null || value.isNull() || value.isMissingNode();
            if (missing && spec.required() && written.get(spec.name()).isTextual()) {
                throw new StepError("parameter '" + spec.name() + "' is required, but its template '"
                        + written.get(spec.name()).textValue() + "' gave null or undefined");
            }
            if (!missing && nonce != null) {
                try {
                    value = Secrets.current().reveal(value, nonce);
                } catch (IllegalArgumentException e) {
                    throw new StepError("parameter '" + spec.name() + "': " + e.getMessage());
                }
            }
            if (!missing) {
                rendered.set(spec.name(), value);
            }
        }
        return rendered;
    }
}
