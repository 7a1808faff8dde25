package io.flowhost.script.helpers;

import static io.flowhost.script.helpers.Args.helper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.List;

/** JSON text in and out, and JSONPath queries (Jayway JsonPath over Jackson). */
final class JsonHelpers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(JSON))
            .mappingProvider(new JacksonMappingProvider(JSON))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private JsonHelpers() {}

    static List<Helper> all() {
        return List.of(
                helper("toJson", "json", "toJson(value, indent?)", "A value as JSON text, pretty when indent is true",
                        "toJson({a: [1, 2]})", "\"{\\\"a\\\":[1,2]}\"", a -> {
                            try {
                                return a.has(1) && Boolean.TRUE.equals(a.raw(1))
                                        ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(a.raw(0))
                                        : JSON.writeValueAsString(a.raw(0));
                            } catch (JsonProcessingException e) {
                                throw a.wrong(e.getOriginalMessage());
                            }
                        }),
                helper("fromJson", "json", "fromJson(text)", "The value of a JSON text", "fromJson('{\"a\": 1}').a", "1",
                        a -> {
                            try {
                                return JSON.treeToValue(JSON.readTree(a.text(0)), Object.class);
                            } catch (JsonProcessingException e) {
                                throw a.wrong("invalid JSON: " + e.getOriginalMessage());
                            }
                        }),
                helper("query", "json", "query(value, jsonPath)",
                        "Values selected by a JSONPath expression: a list for paths with wildcards or filters",
                        "query({users: [{name: 'ada', age: 36}, {name: 'bob', age: 17}]}, '$.users[?(@.age > 18)].name')",
                        "[\"ada\"]", a -> {
                            JsonNode document = JSON.valueToTree(a.raw(0));
                            JsonPath path;
                            try {
                                path = JsonPath.compile(a.text(1));
                            } catch (InvalidPathException e) {
                                throw a.wrong("invalid JSONPath '" + a.text(1) + "': " + e.getMessage());
                            }
                            JsonNode result = path.read(document, JSON_PATH);
                            try {
                                return result == null ? null : JSON.treeToValue(result, Object.class);
                            } catch (JsonProcessingException e) {
                                throw a.wrong(e.getOriginalMessage());
                            }
                        }));
    }
}
