package io.flowhost.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.Value;

/**
 * Converts between guest values and the plain Java values helpers take and give.
 *
 * <p>The conversion is host code, element by element, that the watchdog cannot stop, while a guest
 * makes a ten-million-element array in one statement ({@code Array(1e7).fill(0)}) or passes one array
 * to a helper many times over ({@code join(...Array(65535).fill(big))}). So one helper call converts
 * at most {@link #MAX_VALUES} values and {@link #MAX_CHARS} characters, nested at most
 * {@link #MAX_DEPTH} deep, and an array or object over the budget fails before its first element is
 * read. A helper's list or map result goes back as JSON text of at most {@link #MAX_RESULT_CHARS}.
 */
final class GuestValues {
    static final int MAX_DEPTH = 32;
    static final int MAX_VALUES = 1_000_000;
    static final int MAX_CHARS = 8 * 1024 * 1024;
    static final int MAX_RESULT_CHARS = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GuestValues() {}

    /**
     * A helper call's arguments as plain values, all of them under one budget.
     *
     * @param helper the helper's signature, for error messages
     */
    static List<Object> arguments(String helper, Value[] args) {
        Budget budget = new Budget(helper + ": ");
        List<Object> plain = new ArrayList<>(args.length);
        budget.take(args.length);
        for (Value arg : args) {
            plain.add(convert(arg, 0, budget));
        }
        return plain;
    }

    /**
     * A guest value as null, String, Boolean, Long, Double, List or Map, under the budget of one
     * helper call by itself; {@link #arguments} shares one budget among all of a call's arguments.
     *
     * @param depth how many arrays and objects hold the value
     */
    static Object toJava(Value value, int depth) {
        Budget budget = new Budget("");
        budget.take(1);
        return convert(value, depth, budget);
    }

    private static Object convert(Value value, int depth, Budget budget) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            if (value.fitsInLong()) {
                return value.asLong();
            }
            return value.asDouble();
        }
        if (value.isString()) {
            return budget.text(value.asString());
        }
        if (value.hasArrayElements()) {
            budget.nest(depth);
            long size = value.getArraySize();
            budget.take(size);
            List<Object> list = new ArrayList<>((int) size);
            for (long i = 0; i < size; i++) {
                list.add(convert(value.getArrayElement(i), depth + 1, budget));
            }
            return list;
        }
        if (value.canExecute()) {
            throw new IllegalArgumentException(budget.helper + "a function cannot be passed to a helper");
        }
        if (value.hasMembers()) {
            budget.nest(depth);
            Set<String> keys = value.getMemberKeys();
            budget.take(keys.size());
            Map<String, Object> map = new LinkedHashMap<>();
            for (String key : keys) {
                map.put(budget.text(key), convert(value.getMember(key), depth + 1, budget));
            }
            return map;
        }
        return budget.text(value.toString());
    }

    /** What one helper call may still convert. */
    private static final class Budget {
        private final String helper;
        private long values;
        private long chars;

        Budget(String helper) {
            this.helper = helper;
        }

        void nest(int depth) {
            if (depth >= MAX_DEPTH) {
                throw new IllegalArgumentException(helper + "a helper argument is nested more than " + MAX_DEPTH
                        + " levels deep");
            }
        }

        void take(long count) {
            values += count;
            if (values > MAX_VALUES) {
                throw new IllegalArgumentException(helper + "a helper's arguments hold more than the limit of "
                        + MAX_VALUES + " values");
            }
        }

        String text(String text) {
            chars += text.length();
            if (chars > MAX_CHARS) {
                throw new IllegalArgumentException(helper + "a helper's arguments hold more than the limit of "
                        + MAX_CHARS + " characters");
            }
            return text;
        }
    }

    /** A helper's result for the guest: primitives as they are, lists and maps as guest JSON values. */
    static Object toGuest(Object result, java.util.function.Function<String, Object> parse) {
        if (result == null || result instanceof String || result instanceof Boolean || result instanceof Number) {
            return result;
        }
        BoundedJson json = new BoundedJson();
        try {
            JSON.writeValue(json, result);
        } catch (JsonProcessingException e) {
            // databind wraps the bound's own error
            if (e.getCause() instanceof IllegalArgumentException tooLarge) {
                throw tooLarge;
            }
            throw new IllegalArgumentException("a helper returned a value that is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("a helper returned a value that is not JSON: " + e.getMessage());
        }
        return parse.apply(json.toString());
    }

    /** JSON text that fails once it passes {@link #MAX_RESULT_CHARS}, before it is all built. */
    private static final class BoundedJson extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] chars, int offset, int length) {
            if (length > MAX_RESULT_CHARS - text.length()) {
                throw new IllegalArgumentException("a helper's result is more than the limit of " + MAX_RESULT_CHARS
                        + " characters of JSON");
            }
            text.append(chars, offset, length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
