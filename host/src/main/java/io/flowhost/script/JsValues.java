package io.flowhost.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JavaScript's values and conversions, as compiled templates ({@link CompiledExpression}) need them
 * to give exactly what the engine gives. A value is {@link #UNDEFINED}, {@code null} (JavaScript's
 * null), a {@link Boolean}, a {@link Double} (every number), a {@link String}, or a Jackson
 * {@link ObjectNode} or {@link ArrayNode} read from the scope (an object or array as
 * {@code JSON.parse} would give it).
 *
 * <p>Where JavaScript's rules get intricate (objects converted to primitives, strings converted to
 * numbers), the conversions throw {@link Bail}, and the engine evaluates instead.
 */
final class JsValues {
    /** JavaScript's {@code undefined}. */
    static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "undefined";
        }
    };

    private static final double TWO_53 = 9_007_199_254_740_992d;
    private static final double TWO_63 = 9_223_372_036_854_775_808d;

    private JsValues() {}

    /** The compiled evaluation cannot give the engine's answer for sure: the engine evaluates. */
    static final class Bail extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Bail INSTANCE = new Bail();

        private Bail() {
            super("the engine evaluates this", null, false, false);
        }
    }

    static Bail bail() {
        return Bail.INSTANCE;
    }

    /** A scope value ({@code JSON.parse} of its JSON) as a JavaScript value. */
    static Object fromJson(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return UNDEFINED;
        }
        return switch (node.getNodeType()) {
            case NULL -> null;
            case BOOLEAN -> node.booleanValue();
            case STRING -> node.textValue();
            case NUMBER -> number(node);
            case OBJECT, ARRAY -> node;
            default -> throw bail();
        };
    }

    /** A JSON number as {@code JSON.parse} reads the text Jackson writes for it. */
    private static Double number(JsonNode node) {
        if (node.isInt() || node.isLong()) {
            return (double) node.longValue();
        }
        if (node.isDouble()) {
            return node.doubleValue();
        }
        // floats, big integers and decimals are written as their own text: read that text as JavaScript does
        return Double.parseDouble(node.asText());
    }

    /** JavaScript's ToBoolean. */
    static boolean truthy(Object value) {
        if (value == null || value == UNDEFINED) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Double d) {
            return d != 0 && !d.isNaN();
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        return true;
    }

    /** JavaScript's ToNumber of a primitive other than a string; strings and objects bail. */
    static double toNumber(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value == UNDEFINED) {
            return Double.NaN;
        }
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw bail();
    }

    /** JavaScript's ToString of a primitive; objects bail. */
    static String toText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d) {
            return numberToString(d);
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value == null) {
            return "null";
        }
        if (value == UNDEFINED) {
            return "undefined";
        }
        throw bail();
    }

    /** Whether a value is a JavaScript primitive (not an object or array). */
    static boolean isPrimitive(Object value) {
        return !(value instanceof JsonNode);
    }

    /** ECMAScript's Number::toString(10): the shortest digits that read back as the number. */
    static String numberToString(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (d == 0) {
            return "0";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < TWO_53) {
            return Long.toString((long) d);
        }
        if (d < 0) {
            return "-" + numberToString(-d);
        }
        // Java's Double.toString gives the shortest digits that round-trip, as JavaScript requires
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        // Java prints at least two digits, and then the closest two (4.9E-324); JavaScript wants the
        // fewest, so one digit when one reads back as the same number (5e-324)
        BigDecimal oneDigit = exact.round(new java.math.MathContext(1, java.math.RoundingMode.HALF_EVEN));
        if (exact.precision() > 1 && oneDigit.doubleValue() == d) {
            exact = oneDigit.stripTrailingZeros();
        }
        String digits = exact.unscaledValue().toString();
        int k = digits.length();
        int n = k - exact.scale();
        StringBuilder out = new StringBuilder(k + 8);
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        return out.toString();
    }

    /**
     * {@code JSON.stringify(value)}, appended to {@code out}, failing once {@code out} passes
     * {@code limit} characters.
     *
     * @return whether anything was written ({@code false} for undefined, which stringifies to nothing)
     */
    static boolean stringify(Object value, StringBuilder out, long limit) {
        if (value == UNDEFINED) {
            return false;
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Double d) {
            out.append(d.isNaN() || d.isInfinite() ? "null" : numberToString(d));
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof ArrayNode array) {
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (!stringify(fromJson(array.get(i)), out, limit)) {
                    out.append("null");
                }
                check(out, limit);
            }
            out.append(']');
        } else if (value instanceof ObjectNode object) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : fields(object)) {
                int mark = out.length();
                if (!first) {
                    out.append(',');
                }
                quote(field.getKey(), out);
                out.append(':');
                if (stringify(fromJson(field.getValue()), out, limit)) {
                    first = false;
                } else {
                    out.setLength(mark);
                }
                check(out, limit);
            }
            out.append('}');
        } else {
            throw bail();
        }
        check(out, limit);
        return true;
    }

    private static void check(StringBuilder out, long limit) {
        if (out.length() > limit) {
            throw bail();
        }
    }

    /**
     * An object's properties in JavaScript's order: keys that are array indices first, in ascending
     * numeric order, then the others in the order they were written.
     */
    static List<Map.Entry<String, JsonNode>> fields(ObjectNode object) {
        List<Map.Entry<String, JsonNode>> ordered = new ArrayList<>(object.size());
        TreeMap<Long, Map.Entry<String, JsonNode>> indices = null;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            long index = arrayIndex(field.getKey());
            if (index >= 0) {
                if (indices == null) {
                    indices = new TreeMap<>();
                }
                indices.put(index, field);
            } else {
                ordered.add(field);
            }
        }
        if (indices != null) {
            ordered.addAll(0, indices.values());
        }
        return ordered;
    }

    /** @return the array index a property key names ({@code "0"} to {@code "4294967294"}, canonical), or -1 */
    static long arrayIndex(String key) {
        int length = key.length();
        if (length == 0 || length > 10 || length > 1 && key.charAt(0) == '0') {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value < 4_294_967_295L ? value : -1;
    }

    /** JSON.stringify's quoting: the usual escapes, other controls and lone surrogates as {@code \\u}. */
    static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean lone = Character.isHighSurrogate(c)
                            ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
                    if (c < 0x20 || lone) {
                        out.append("\\u");
                        String hex = Integer.toHexString(c);
                        out.append("0".repeat(4 - hex.length())).append(hex);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * The JSON value the engine's path gives for a value: what Jackson reads from
     * {@code JSON.stringify(value)}; {@code null} for undefined (the caller decides what that means).
     */
    static JsonNode toJsonNode(Object value, long limit) {
        if (value == UNDEFINED) {
            return null;
        }
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof Boolean b) {
            return BooleanNode.valueOf(b);
        }
        if (value instanceof String s) {
            if (s.length() + 2 > limit) {
                throw bail();
            }
            return TextNode.valueOf(s);
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return NullNode.getInstance();
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e21) {
                // JavaScript writes it as an integer, which Jackson reads as an int, a long or a big integer
                if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                    return IntNode.valueOf((int) d.doubleValue());
                }
                if (Math.abs(d) < TWO_53) {
                    return LongNode.valueOf((long) d.doubleValue());
                }
                // past 2^53 JavaScript prints the shortest digits, then zeros: -2^63 is -9223372036854776000
                BigInteger written = new BigInteger(numberToString(d));
                return written.bitLength() < 64 ? LongNode.valueOf(written.longValue()) : BigIntegerNode.valueOf(written);
            }
            return DoubleNode.valueOf(d);
        }
        StringBuilder text = new StringBuilder();
        stringify(value, text, limit);
        try {
            return ScopeWriter.JSON.readTree(text.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bail();
        }
    }

    /** A value as a helper receives it: what {@code GuestValues} makes of the same guest value. */
    static Object toHelper(Object value, int depth) {
        if (value == null || value == UNDEFINED) {
            return null;
        }
        if (value instanceof Double d) {
            // an integral number in long's range arrives as a Long; -0 stays a double, as the engine passes it
            if (d == Math.rint(d) && d >= -TWO_63 && d < TWO_63 && !(d == 0 && 1 / d < 0)) {
                return d.longValue();
            }
            return d;
        }
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (depth >= GuestValues.MAX_DEPTH) {
            throw bail();
        }
        if (value instanceof ArrayNode array) {
            List<Object> list = new ArrayList<>(array.size());
            for (JsonNode element : array) {
                list.add(toHelper(fromJson(element), depth + 1));
            }
            return list;
        }
        if (value instanceof ObjectNode object) {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : fields(object)) {
                map.put(field.getKey(), toHelper(fromJson(field.getValue()), depth + 1));
            }
            return map;
        }
        throw bail();
    }

    /** A helper's result as the guest gets it: primitives as they are, lists and maps through JSON. */
    static Object fromHelper(Object result) {
        if (result == null) {
            return null;
        }
        if (result instanceof String || result instanceof Boolean) {
            return result;
        }
        if (result instanceof Number number) {
            return number.doubleValue();
        }
        try {
            JsonNode tree = ScopeWriter.JSON.readTree(ScopeWriter.JSON.writeValueAsString(result));
            return fromJson(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bail();
        }
    }
}
