package io.flowhost.script.helpers;

import java.util.List;
import java.util.Map;

/** Reads helper arguments, failing with a message that names the helper and what it takes. */
final class Args {
    private final String signature;
    private final List<Object> values;

    private Args(String signature, List<Object> values) {
        this.signature = signature;
        this.values = values;
    }

    static Args of(String signature, List<Object> values) {
        return new Args(signature, values);
    }

    static Helper helper(String name, String category, String signature, String doc, String example, String expected,
            Body body) {
        return new Helper(name, category, signature, doc, example, expected, values -> body.apply(of(signature, values)));
    }

    interface Body {
        Object apply(Args args);
    }

    int size() {
        return values.size();
    }

    boolean has(int index) {
        return index < values.size() && values.get(index) != null;
    }

    Object raw(int index) {
        return index < values.size() ? values.get(index) : null;
    }

    IllegalArgumentException wrong(String what) {
        return new IllegalArgumentException(signature + ": " + what);
    }

    String text(int index) {
        Object value = raw(index);
        if (value == null) {
            throw wrong("argument " + (index + 1) + " is missing");
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return number(value);
        }
        throw wrong("argument " + (index + 1) + " must be text, not " + describe(value));
    }

    String text(int index, String fallback) {
        return has(index) ? text(index) : fallback;
    }

    double number(int index) {
        Object value = raw(index);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw wrong("'" + s + "' is not a number");
            }
        }
        throw wrong("argument " + (index + 1) + " must be a number, not " + describe(value));
    }

    long whole(int index) {
        double number = number(index);
        if (number != Math.rint(number)) {
            throw wrong(number + " is not a whole number");
        }
        return (long) number;
    }

    long whole(int index, long fallback) {
        return has(index) ? whole(index) : fallback;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(int index) {
        Object value = raw(index);
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw wrong("argument " + (index + 1) + " must be an array, not " + describe(value));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(int index) {
        Object value = raw(index);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrong("argument " + (index + 1) + " must be an object, not " + describe(value));
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return String.valueOf(value);
    }

    /** A number as JavaScript writes it: no trailing {@code .0} on whole numbers. */
    static String number(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    /** A whole double as a Long, so results look like JavaScript numbers. */
    static Object numeric(double value) {
        return value == Math.rint(value) && Math.abs(value) < 9e15 ? (Object) (long) value : (Object) value;
    }
}
