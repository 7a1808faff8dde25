package io.flowhost.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.jobs.ParamTypes;
import io.flowhost.script.Expressions;
import io.flowhost.script.Scope;
import io.flowhost.script.TemplateException;
import java.util.Set;

/**
 * Turns a step's parameters as written into the values its action receives: the one place where
 * templates are rendered, defaults filled in and types checked.
 */
final class ParamValues {
    private ParamValues() {}

    /**
     * @param raw parameters passed on as written, never rendered (e.g. a script's code)
     * @throws StepError naming the parameter that could not be evaluated or has the wrong type
     */
    static ObjectNode evaluate(
            ActionDescriptor descriptor, ObjectNode written, Expressions expressions, Scope scope, Set<String> raw) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        for (java.util.Map.Entry<String, JsonNode> field : written.properties()) {
            String name = field.getKey();
            if (descriptor.param(name).isEmpty()) {
                throw new StepError("action '" + descriptor.id() + "' has no parameter '" + name + "'; it takes "
                        + descriptor.params().stream().map(ParamSpec::name).toList());
            }
        }
        for (ParamSpec spec : descriptor.params()) {
            JsonNode value = written.get(spec.name());
            if (value != null && !raw.contains(spec.name())) {
                try {
                    value = expressions.render(value, scope);
                } catch (TemplateException e) {
                    throw new StepError("parameter '" + spec.name() + "': " + e.located() + " in '" + e.source() + "'", e);
                }
            }
            if (value == null || value.isNull() || value.isMissingNode()) {
                if (spec.defaultValue() != null) {
                    values.set(spec.name(), spec.defaultValue());
                } else if (spec.required()) {
                    JsonNode template = written.get(spec.name());
                    throw new StepError("parameter '" + spec.name() + "' is required"
                            + (template != null && template.isTextual()
                                    ? ", but its template '" + template.textValue() + "' gave null or undefined" : ""));
                }
                continue;
            }
            try {
                JsonNode coerced = ParamTypes.coerce(spec.name(), spec.type(), value);
                ParamTypes.checkAllowed(spec.name(), spec.allowed(), coerced);
                values.set(spec.name(), coerced);
            } catch (IllegalArgumentException e) {
                throw new StepError(e.getMessage());
            }
        }
        return values;
    }
}
