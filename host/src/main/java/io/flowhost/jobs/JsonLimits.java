package io.flowhost.jobs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The limits of every JSON document the host reads from its users: job files, messages
 * ({@code --message}, the playground's {@code -m}) and JSON parameter values. They are set here on
 * purpose, not inherited from Jackson's defaults, and a document that breaks one is reported with the
 * limit's name and value rather than as malformed JSON.
 *
 * <ul>
 *   <li>a string: at most {@value #MAX_STRING_LENGTH} characters (Jackson's default), enough for a
 *       file's text in a variable;
 *   <li>nesting: at most {@value #MAX_NESTING_DEPTH} levels of arrays and objects, half of Jackson's
 *       default, because every message must also be written out (task reports, the script sandbox's
 *       scope) inside a few more levels, and Jackson's writers stop at 1,000;
 *   <li>a number: at most {@value #MAX_NUMBER_LENGTH} digits; a key: at most {@value #MAX_NAME_LENGTH}
 *       characters (Jackson's defaults);
 *   <li>the whole document: no limit beyond memory, as the file is read whole anyway.
 * </ul>
 */
public final class JsonLimits {
    /** The longest string value, in characters. */
    public static final int MAX_STRING_LENGTH = 20_000_000;
    /** The deepest nesting of arrays and objects. */
    public static final int MAX_NESTING_DEPTH = 500;
    /** The longest number, in characters. */
    public static final int MAX_NUMBER_LENGTH = 1_000;
    /** The longest object key, in characters. */
    public static final int MAX_NAME_LENGTH = 50_000;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .maxDocumentLength(-1)
            .build();

    private JsonLimits() {}

    /**
     * A document broke one of the limits. The message names it, e.g. {@code a string is longer than
     * the limit of 20,000,000 characters}; line and column are where the offending value starts.
     */
    public static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        Exceeded(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        /** @return the 1-based line, or 0 if unknown */
        public int line() {
            return line;
        }

        /** @return the 1-based column, or 0 if unknown */
        public int column() {
            return column;
        }

        /** @return {@code :LINE:COLUMN} to follow a file name, or nothing if the place is unknown */
        public String place() {
            return line > 0 ? ":" + line + ":" + column : "";
        }
    }

    /** @return a new mapper that reads with these limits */
    public static ObjectMapper mapper() {
        return new ObjectMapper(new JsonFactoryBuilder().streamReadConstraints(CONSTRAINTS).build());
    }

    /** @return a new factory whose parsers read with these limits and report duplicate keys as malformed */
    static JsonFactory strictFactory() {
        return new JsonFactoryBuilder().streamReadConstraints(CONSTRAINTS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    /**
     * Reads one JSON value with {@code mapper}, which should be one of {@link #mapper()}'s.
     *
     * @return the value, or a {@link MissingNode} for empty text
     * @throws Exceeded               if the text breaks a limit
     * @throws JsonProcessingException if it is not JSON
     */
    public static JsonNode read(ObjectMapper mapper, String text) throws JsonProcessingException {
        try (JsonParser parser = mapper.createParser(text)) {
            try {
                JsonNode value = mapper.readTree(parser);
                return value == null ? MissingNode.getInstance() : value;
            } catch (StreamConstraintsException e) {
                throw exceeded(e, parser);
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // text in memory: not expected
        }
    }

    /**
     * Names the limit that {@code e} reports, placed where {@code parser} was reading.
     *
     * @param e      what the parser threw
     * @param parser the parser, for the place
     * @return the exception to throw
     */
    public static Exceeded exceeded(StreamConstraintsException e, JsonParser parser) {
        String jackson = String.valueOf(e.getOriginalMessage());
        String limit;
        if (jackson.contains("getMaxStringLength")) {
            limit = "a string is longer than the limit of " + number(MAX_STRING_LENGTH) + " characters";
        } else if (jackson.contains("getMaxNestingDepth")) {
            limit = "the JSON is nested deeper than the limit of " + number(MAX_NESTING_DEPTH) + " levels";
        } else if (jackson.contains("getMaxNumberLength")) {
            limit = "a number is longer than the limit of " + number(MAX_NUMBER_LENGTH) + " characters";
        } else if (jackson.contains("getMaxNameLength")) {
            limit = "a key is longer than the limit of " + number(MAX_NAME_LENGTH) + " characters";
        } else {
            limit = "the JSON breaks a limit: " + jackson;
        }
        JsonLocation at = parser == null ? null : parser.currentTokenLocation();
        return at == null || at.getLineNr() < 1
                ? new Exceeded(limit, 0, 0)
                : new Exceeded(limit, at.getLineNr(), at.getColumnNr());
    }

    private static String number(int value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
