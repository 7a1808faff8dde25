package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import org.pf4j.Extension;

/** {@code data.query}: a JSONPath query. */
@Extension
public final class QueryAction implements Action {
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("data.query")
                .label("JSONPath query")
                .summary("Queries JSON with a JSONPath expression; the result is the output's json")
                .description("""
                        Evaluates 'path' (Jayway JSONPath, e.g. $.items[?(@.price > 10)].name) on 'json', or on \
                        the whole message (event, nodes, items, vars, outputs) when 'json' is not given. A path \
                        that matches nothing gives null (a definite path) or [] (one with wildcards or filters). \
                        With 'var' the result goes into that variable instead of the output.""")
                .param(ParamSpec.string("path", "The JSONPath expression").asRequired())
                .param(ParamSpec.any("json", "The JSON to query; by default the message"))
                .param(ParamSpec.string("var", "Put the result into this variable instead of the output"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        JsonNode document = context.params().json("json").orElseGet(() -> context.message().toJson());
        JsonPath path;
        try {
            path = JsonPath.compile(context.params().string("path"));
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + context.params().string("path") + "' is not a JSONPath: " + e.getMessage());
        }
        // functions such as length() give plain Java values, paths give JSON
        Object found = path.read(document, JSON_PATH);
        JsonNode result = found instanceof JsonNode json ? json : MAPPER.valueToTree(found);
        return Json.result(context, result == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : result,
                context.message());
    }
}
