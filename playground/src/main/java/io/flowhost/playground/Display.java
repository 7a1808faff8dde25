package io.flowhost.playground;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How a result looks on a terminal: JSON pretty-printed, text with its control characters escaped
 * (an escape sequence in a message must not recolour the terminal) and trailing spaces made
 * visible, and anything long cut with a note of how much was left out. Piped output stays exact.
 */
final class Display {
    /** More than this is cut: a result is for reading, {@code last} and {@code :save} keep all of it. */
    static final int MAX_LINES = 40;
    static final int MAX_CHARS = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One array element a line, as objects' fields are: a long array reads down the screen, and can be cut by lines. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withArrayIndenter(new DefaultIndenter("  ", "\n")).withObjectIndenter(new DefaultIndenter("  ", "\n"));
    private static final char VISIBLE_SPACE = '\u2420';

    private Display() {}

    /** @return the value as a person reads it, possibly cut */
    static String forPeople(JsonNode value) {
        String text = value.isTextual() ? text(value.textValue()) : pretty(value);
        return cut(text);
    }

    /** @return the value as a pipe gets it: text as it is, anything else as compact JSON */
    static String forPipes(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }

    static String pretty(JsonNode value) {
        try {
            return JSON.writer(PRETTY).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text with control characters escaped ({@code \u001b}) and the spaces that end a line shown. */
    static String text(String text) {
        if (text.isEmpty()) {
            return "\"\"";
        }
        StringBuilder out = new StringBuilder(text.length());
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                showTrailingSpaces(out, lineStart);
                out.append('\n');
                lineStart = out.length();
            } else if (hidden(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        showTrailingSpaces(out, lineStart);
        return out.toString();
    }

    /** Characters a terminal acts on rather than shows, or that reorder what it shows. */
    private static boolean hidden(char c) {
        return c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e
                || c >= 0x2066 && c <= 0x2069;
    }

    private static void showTrailingSpaces(StringBuilder out, int lineStart) {
        for (int i = out.length() - 1; i >= lineStart && out.charAt(i) == ' '; i--) {
            out.setCharAt(i, VISIBLE_SPACE);
        }
    }

    /** The first {@link #MAX_LINES} lines or {@link #MAX_CHARS} characters, and a note of the rest. */
    static String cut(String text) {
        int end = text.length();
        int lines = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && ++lines == MAX_LINES) {
                end = i;
                break;
            }
        }
        end = Math.min(end, MAX_CHARS);
        if (end >= text.length()) {
            return text;
        }
        String rest = text.substring(end);
        long moreLines = rest.chars().filter(c -> c == '\n').count();
        return text.substring(0, end) + "\n... cut: " + String.format("%,d", rest.length()) + " more characters"
                + (moreLines > 0 ? String.format(", %,d more lines", moreLines) : "")
                + " (all of it is in 'last')";
    }
}
