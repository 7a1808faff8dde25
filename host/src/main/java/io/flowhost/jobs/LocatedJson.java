package io.flowhost.jobs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON document read with the place of every value and key, by JSON pointer, so that problems
 * found in the tree can be reported at their line and column.
 */
final class LocatedJson {
    private static final JsonFactory FACTORY = JsonLimits.strictFactory();

    /** A place in the text: 1-based line and column, 0-based character offset. */
    record Location(int line, int column, long offset) {
        static final Location START = new Location(1, 1, 0);

        static Location of(JsonLocation location) {
            return new Location(location.getLineNr(), location.getColumnNr(), location.getCharOffset());
        }
    }

    final String text;
    final JsonNode root;
    private final Map<String, Location> values = new HashMap<>();
    private final Map<String, Location> keys = new HashMap<>();

    private LocatedJson(String text, JsonParser parser) throws IOException {
        this.text = text;
        if (parser.nextToken() == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "the file is empty, expected a JSON object");
        }
        this.root = read(parser, "");
        if (parser.nextToken() != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected content after the JSON document");
        }
    }

    /**
     * @throws com.fasterxml.jackson.core.JsonProcessingException for malformed JSON, with its location
     * @throws JsonLimits.Exceeded if the text breaks one of the {@linkplain JsonLimits limits}
     */
    static LocatedJson parse(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            try {
                return new LocatedJson(text, parser);
            } catch (StreamConstraintsException e) {
                throw JsonLimits.exceeded(e, parser);
            }
        }
    }

    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** @return where the value at {@code pointer} starts, or the nearest enclosing value's start */
    Location value(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Location location = values.get(p);
            if (location != null) {
                return location;
            }
            if (p.isEmpty()) {
                return Location.START;
            }
        }
    }

    /** @return where the key naming the value at {@code pointer} is, else where the value is */
    Location key(String pointer) {
        Location location = keys.get(pointer);
        return location != null ? location : value(pointer);
    }

    private JsonNode read(JsonParser parser, String pointer) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        values.put(pointer, Location.of(parser.currentTokenLocation()));
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = f.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String childPointer = child(pointer, name);
                    keys.put(childPointer, Location.of(parser.currentTokenLocation()));
                    parser.nextToken();
                    object.set(name, read(parser, childPointer));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = f.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, child(pointer, index++)));
                }
                return array;
            }
            case VALUE_STRING -> {
                return f.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> f.numberNode(parser.getIntValue());
                    case LONG -> f.numberNode(parser.getLongValue());
                    default -> f.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return f.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return f.booleanNode(false);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected " + token);
        }
    }

    /**
     * Maps a place inside the text of the string value at {@code pointer} to its place in the file,
     * decoding the JSON escapes between the opening quote and that place.
     *
     * @param line   1-based line inside the string's text
     * @param column 1-based column inside the string's text
     */
    Location inString(String pointer, int line, int column) {
        Location start = value(pointer);
        String value = root.at(pointer).asText();
        int target = 0;
        for (int l = 1; l < line; l++) {
            int newline = value.indexOf('\n', target);
            if (newline < 0) {
                break;
            }
            target = newline + 1;
        }
        target = Math.min(value.length(), target + Math.max(0, column - 1));
        int raw = (int) start.offset() + 1; // just after the opening quote
        int decoded = 0;
        while (decoded < target && raw < text.length() && text.charAt(raw) != '"') {
            if (text.charAt(raw) == '\\') {
                raw += text.charAt(raw + 1) == 'u' ? 6 : 2;
            } else {
                raw++;
            }
            decoded++;
        }
        return new Location(start.line(), start.column() + (raw - (int) start.offset()), raw);
    }
}
