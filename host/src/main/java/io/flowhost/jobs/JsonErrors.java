package io.flowhost.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/** Jackson's syntax errors in the words of the file a person wrote, without the parser's internals. */
public final class JsonErrors {
    /** Jackson quotes a second place as {@code [Source: REDACTED (...); line: 1, column: 7]}. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private JsonErrors() {}

    /**
     * @return the reason alone, e.g. {@code Unexpected end-of-input: expected close marker for Array
     *         (start marker at 1:7)}
     */
    public static String reason(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        return reason == null ? e.getClass().getSimpleName() : SOURCE.matcher(reason).replaceAll("$1:$2");
    }

    /**
     * @param name what the text was read from: a file, or {@code <stdin>}
     * @return {@code NAME:LINE:COLUMN: invalid JSON: reason}
     */
    public static String located(String name, JsonProcessingException e) {
        var at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + Math.max(1, at.getColumnNr());
        return name + where + ": invalid JSON: " + reason(e);
    }
}
