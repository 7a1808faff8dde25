package io.flowhost.script.helpers;

import static io.flowhost.script.helpers.Args.helper;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text in and out, and JSONPath queries (Jayway JsonPath, see {@link JsonPathQuery}). */
final class JsonHelpers {
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Bounds.DEPTH).build())
                    .build())
            .build();

    private JsonHelpers() {}

    static List<Helper> all() {
        return List.of(
                helper("toJson", "json", "toJson(value, indent?)", "A value as JSON text, pretty when indent is true",
                        "toJson({a: [1, 2]})", "\"{\\\"a\\\":[1,2]}\"", a -> write(a, a.raw(0), a.has(1) && Boolean.TRUE.equals(a.raw(1)))),
                helper("fromJson", "json", "fromJson(text)", "The value of a JSON text (nested up to 32 levels deep)",
                        "fromJson('{\"a\": 1}').a", "1", a -> read(a, a.text(0))),
                helper("query", "json", "query(value, jsonPath)",
                        "Values selected by a JSONPath expression: a list for paths with wildcards or filters (no =~)",
                        "query({users: [{name: 'ada', age: 36}, {name: 'bob', age: 17}]}, '$.users[?(@.age > 18)].name')",
                        "[\"ada\"]", JsonPathQuery::query));
    }

    /** A value as JSON text, failing once the text passes {@link Bounds#TEXT} or the value {@link Bounds#DEPTH}. */
    static String write(Args a, Object value, boolean pretty) {
        BoundedText out = new BoundedText(a);
        ObjectWriter writer = pretty ? JSON.writerWithDefaultPrettyPrinter() : JSON.writer();
        try {
            writer.writeValue(out, value);
        } catch (JsonProcessingException e) {
            // databind wraps the generator's depth error, and our own from the bounded text, in its own
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StreamConstraintsException) {
                    throw a.wrong("the value is nested more than " + Bounds.DEPTH + " levels deep");
                }
                if (cause instanceof IllegalArgumentException ours) {
                    throw ours;
                }
            }
            throw a.wrong(e.getOriginalMessage());
        } catch (IOException e) {
            throw a.wrong(e.getMessage());
        }
        return out.toString();
    }

    /**
     * A JSON text as plain values, read token by token so that too deep a nesting fails as it is read,
     * before it is built. The text's own limit bounds the number of values (half a million at most).
     */
    static Object read(Args a, String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken token = parser.nextToken();
            return token == null ? null : value(a, parser, token, 0);
        } catch (JsonProcessingException e) {
            throw a.wrong("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw a.wrong("invalid JSON: " + e.getMessage());
        }
    }

    private static Object value(Args a, JsonParser parser, JsonToken token, int depth) throws IOException {
        switch (token) {
            case START_ARRAY -> {
                nest(a, depth);
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    list.add(value(a, parser, next, depth + 1));
                }
                return list;
            }
            case START_OBJECT -> {
                nest(a, depth);
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
                    String name = parser.currentName();
                    map.put(name, value(a, parser, parser.nextToken(), depth + 1));
                }
                return map;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = parser.getNumberType();
                return type == JsonParser.NumberType.BIG_INTEGER ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw a.wrong("invalid JSON: unexpected " + token);
        }
    }

    private static void nest(Args a, int depth) {
        if (depth >= Bounds.DEPTH) {
            throw a.wrong("the JSON text is nested more than " + Bounds.DEPTH + " levels deep");
        }
    }
}
