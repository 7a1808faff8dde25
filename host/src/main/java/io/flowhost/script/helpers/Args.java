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
        return new Helper(name, category, signature, doc, example, expected, values -> {
            Args args = of(signature, values);
            Object result = body.apply(args);
            // helpers that can grow a text check before they build it; this keeps the documented bound for all
            if (result instanceof String text && text.length() > Bounds.TEXT) {
                throw args.tooLarge("result length", text.length(), Bounds.TEXT);
            }
            return result;
        });
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

    /** The error for a quantity over its limit, e.g. {@code padLeft(...): width 2000000 is over the limit of 1048576}. */
    IllegalArgumentException tooLarge(String quantity, long value, long limit) {
        return wrong(quantity + " " + value + " is over the limit of " + limit);
    }

    String text(int index) {
        Object value = raw(index);
        if (value == null) {
            throw wrong("argument " + (index + 1) + " is missing");
        }
        if (value instanceof String s) {
            return shortEnough(index, s, Bounds.TEXT);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return number(value);
        }
        throw wrong("argument " + (index + 1) + " must be text, not " + describe(value));
    }

    /** A text argument that must be at most {@code limit} characters, e.g. a date or a regex. */
    String text(int index, int limit) {
        return shortEnough(index, text(index), limit);
    }

    private String shortEnough(int index, String text, int limit) {
        if (text.length() > limit) {
            throw tooLarge("argument " + (index + 1) + " length", text.length(), limit);
        }
        return text;
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
                return Double.parseDouble(text(index).trim());
            } catch (NumberFormatException e) {
                throw wrong(describe(s) + " is not a number");
            }
        }
        throw wrong("argument " + (index + 1) + " must be a number, not " + describe(value));
    }

    long whole(int index) {
        double number = number(index);
        if (number != Math.rint(number)) {
            throw wrong(number + " is not a whole number");
        }
        // (long) would quietly turn 1e300 into Long.MAX_VALUE
        if (Math.abs(number) >= 0x1p63) {
            throw wrong(number + " is too large a whole number");
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
            if (list.size() > Bounds.VALUES) {
                throw tooLarge("argument " + (index + 1) + " length", list.size(), Bounds.VALUES);
            }
            return (List<Object>) list;
        }
        throw wrong("argument " + (index + 1) + " must be an array, not " + describe(value));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(int index) {
        Object value = raw(index);
        if (value instanceof Map<?, ?> map) {
            if (map.size() > Bounds.VALUES) {
                throw tooLarge("argument " + (index + 1) + " size", map.size(), Bounds.VALUES);
            }
            return (Map<String, Object>) map;
        }
        throw wrong("argument " + (index + 1) + " must be an object, not " + describe(value));
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return String.valueOf(value);
    }

    /** A text quoted for an error message; a long one is cut, so that an error never copies a huge argument. */
    static String quote(String text) {
        return text.length() <= 60 ? "'" + text + "'" : "'" + text.substring(0, 40) + "...' (" + text.length() + " characters)";
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
