package io.flowhost.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Bounds what the store keeps of messages and texts, so that one huge message or log line cannot
 * fill the database. A JSON value larger than its limit is kept as a marker that says so and how
 * large it was: {@code {"truncated": true, "bytes": 73400320, "text": "{\"event\":..."}}, where
 * {@code text} is the start of its JSON; a text is cut with a note of its length.
 */
final class Snapshots {
    /** A step's input message and output entry. */
    static final int STEP_BYTES = 64 * 1024;
    /** A task's first message: rerunning the task needs it whole. */
    static final int TASK_INPUT_BYTES = 16 * 1024 * 1024;
    /** A task's last message. */
    static final int TASK_OUTPUT_BYTES = 1024 * 1024;
    /** A log line's text, an error. */
    static final int TEXT_CHARACTERS = 16 * 1024;
    /** How much of a truncated value's JSON the marker shows. */
    static final int PREVIEW_BYTES = 2048;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Snapshots() {}

    /**
     * @param value a JSON value, or {@code null}
     * @param limit the most bytes of JSON (UTF-8) kept
     * @return its JSON text, or a marker's when it is larger than {@code limit}; {@code null} for {@code null}
     */
    static String json(JsonNode value, int limit) {
        if (value == null) {
            return null;
        }
        Bounded out = new Bounded(limit);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            JSON.writeTree(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a snapshot", e);
        }
        if (out.total <= limit) {
            return new String(out.kept, 0, out.size, StandardCharsets.UTF_8);
        }
        String preview = new String(out.kept, 0, Math.min(out.size, PREVIEW_BYTES), StandardCharsets.UTF_8);
        ObjectNode marker = JSON.createObjectNode().put("truncated", true).put("bytes", out.total).put("text", preview);
        return marker.toString();
    }

    /** @return whether a stored value is a truncation marker rather than the value */
    static boolean isMarker(JsonNode value) {
        return value != null && value.isObject() && value.path("truncated").asBoolean(false) && value.has("bytes")
                && value.size() == 3;
    }

    /** @return {@code text} cut to {@value #TEXT_CHARACTERS} characters with a note, or {@code null} for {@code null} */
    static String text(String text) {
        if (text == null || text.length() <= TEXT_CHARACTERS) {
            return text;
        }
        return text.substring(0, TEXT_CHARACTERS) + "… (cut: " + text.length() + " characters in all)";
    }

    /** Keeps the first {@code limit + 1} bytes written (enough to know the value is too large) and counts them all. */
    private static final class Bounded extends OutputStream {
        private final int capacity;
        private byte[] kept = new byte[256];
        private int size;
        private long total;

        Bounded(int limit) {
            this.capacity = Math.max(limit, PREVIEW_BYTES) + 1;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            total += length;
            int n = Math.min(capacity - size, length);
            if (n <= 0) {
                return;
            }
            if (size + n > kept.length) {
                kept = java.util.Arrays.copyOf(kept, Math.min(capacity, Math.max(size + n, kept.length * 2)));
            }
            System.arraycopy(bytes, offset, kept, size, n);
            size += n;
        }
    }
}
