package io.flowhost.script.helpers;

import static io.flowhost.script.helpers.Args.helper;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Helpers over arrays and objects. The newest element is {@code lastOf}: {@code last} is the
 * template scope's newest output entry.
 */
final class CollectionHelpers {
    private CollectionHelpers() {}

    static List<Helper> all() {
        return List.of(
                helper("first", "collections", "first(list)", "The first element, or null", "first([3, 1, 2])", "3",
                        a -> a.list(0).isEmpty() ? null : a.list(0).get(0)),
                helper("lastOf", "collections", "lastOf(list)", "The last element, or null ('last' is the newest output)",
                        "lastOf([3, 1, 2])", "2", a -> a.list(0).isEmpty() ? null : a.list(0).get(a.list(0).size() - 1)),
                helper("sortBy", "collections", "sortBy(list, key)",
                        "Sorted by a field (numbers by value first, then text alphabetically; missing last), stable",
                        "sortBy([{n: 'b', s: 2}, {n: 'a', s: 1}], 's').map(x => x.n)", "[\"a\",\"b\"]",
                        CollectionHelpers::sortBy),
                helper("groupBy", "collections", "groupBy(list, key)", "An object of lists, by the value of a field",
                        "groupBy([{t: 'a', v: 1}, {t: 'b', v: 2}, {t: 'a', v: 3}], 't').a.length", "2", a -> {
                            Map<String, List<Object>> groups = new LinkedHashMap<>();
                            for (Object element : a.list(0)) {
                                Object value = field(element, a.text(1));
                                groups.computeIfAbsent(value == null ? "null" : Args.number(value), k -> new ArrayList<>())
                                        .add(element);
                            }
                            return groups;
                        }),
                helper("uniq", "collections", "uniq(list)", "Without repeated elements, first ones kept",
                        "uniq([1, 2, 1, 3, 2])", "[1,2,3]", CollectionHelpers::uniq),
                helper("sum", "collections", "sum(list, key?)", "The sum of the numbers, or of a field of each element",
                        "sum([{size: 2}, {size: 3}], 'size')", "5", a -> {
                            double total = 0;
                            for (Object element : a.list(0)) {
                                Object value = a.has(1) ? field(element, a.text(1)) : element;
                                if (value instanceof Number n) {
                                    total += n.doubleValue();
                                } else if (value != null) {
                                    throw a.wrong(Args.describe(value) + " is not a number");
                                }
                            }
                            return Args.numeric(total);
                        }),
                helper("pluck", "collections", "pluck(list, key)", "The value of a field of each element",
                        "pluck([{name: 'a'}, {name: 'b'}], 'name')", "[\"a\",\"b\"]", a -> {
                            List<Object> values = new ArrayList<>();
                            a.list(0).forEach(element -> values.add(field(element, a.text(1))));
                            return values;
                        }),
                helper("keys", "collections", "keys(object)", "The names of an object's fields", "keys({a: 1, b: 2})",
                        "[\"a\",\"b\"]", a -> new ArrayList<>(a.map(0).keySet())),
                helper("values", "collections", "values(object)", "The values of an object's fields",
                        "values({a: 1, b: 2})", "[1,2]", a -> new ArrayList<>(a.map(0).values())),
                helper("range", "collections", "range(end) or range(start, end)", "Whole numbers from start (0) up to end, excluded",
                        "range(2, 5)", "[2,3,4]", a -> {
                            long start = a.size() > 1 ? a.whole(0) : 0;
                            long end = a.size() > 1 ? a.whole(1) : a.whole(0);
                            // end - start overflows for range(-5e18, 5e18): count exactly
                            BigInteger size = BigInteger.valueOf(end).subtract(BigInteger.valueOf(start));
                            if (size.compareTo(BigInteger.valueOf(Bounds.RANGE)) > 0) {
                                throw a.wrong("range size " + size + " is over the limit of " + Bounds.RANGE);
                            }
                            List<Object> numbers = new ArrayList<>();
                            for (long i = start; i < end; i++) {
                                numbers.add(i);
                            }
                            return numbers;
                        }),
                helper("coalesce", "collections", "coalesce(value, fallback, ...)",
                        "The first argument that is neither null nor empty text", "coalesce(null, '', 'x')", "\"x\"",
                        a -> {
                            for (int i = 0; i < a.size(); i++) {
                                Object value = a.raw(i);
                                if (value != null && !"".equals(value)) {
                                    return value;
                                }
                            }
                            return null;
                        }));
    }

    private record ByNumber(double key, Object element) {}

    private record ByText(String key, Object element) {}

    /**
     * One total order, so that a mixed list sorts the same every time: numbers by value, then text,
     * then elements without the field. Each key is read (and written as text) once, not once per
     * comparison, and each kind is sorted on its own with the simplest comparison.
     */
    private static List<Object> sortBy(Args a) {
        String key = a.text(1);
        List<ByNumber> numbers = new ArrayList<>();
        List<ByText> texts = new ArrayList<>();
        List<Object> missing = new ArrayList<>();
        for (Object element : a.list(0)) {
            Object value = field(element, key);
            if (value instanceof Number n) {
                numbers.add(new ByNumber(n.doubleValue(), element));
            } else if (value == null) {
                missing.add(element);
            } else {
                texts.add(new ByText(Args.number(value), element));
            }
        }
        numbers.sort(Comparator.comparingDouble(ByNumber::key));
        texts.sort(Comparator.comparing(ByText::key));
        List<Object> sorted = new ArrayList<>(numbers.size() + texts.size() + missing.size());
        numbers.forEach(n -> sorted.add(n.element()));
        texts.forEach(t -> sorted.add(t.element()));
        sorted.addAll(missing);
        return sorted;
    }

    /**
     * Elements are told apart by a canonical text: a set of lists or maps hashes by hashCode, which
     * is easy to make collide ([0, 31] and [1, 0]), and then every lookup compares with every
     * colliding element; text keys keep a colliding bucket a sorted tree.
     */
    private static List<Object> uniq(Args a) {
        Set<String> seen = new HashSet<>();
        List<Object> unique = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        for (Object element : a.list(0)) {
            key.setLength(0);
            canonical(element, key);
            if (seen.add(key.toString())) {
                unique.add(element);
            }
        }
        return unique;
    }

    /**
     * Equal values (by {@code equals}: maps in any key order, 1 and 1.0 apart) give equal texts and
     * others different ones: every value says its type, and every text its length.
     */
    private static void canonical(Object value, StringBuilder key) {
        if (value instanceof String text) {
            key.append('s').append(text.length()).append(':').append(text);
        } else if (value instanceof List<?> list) {
            key.append('[');
            list.forEach(element -> canonical(element, key));
            key.append(']');
        } else if (value instanceof Map<?, ?> map) {
            key.append('{');
            new TreeMap<>(map).forEach((name, element) -> {
                canonical(name, key);
                canonical(element, key);
            });
            key.append('}');
        } else if (value == null) {
            key.append('n');
        } else {
            String text = value.toString();
            key.append(value.getClass().getSimpleName()).append(text.length()).append(':').append(text);
        }
    }

    private static Object field(Object element, String key) {
        return element instanceof Map<?, ?> map ? map.get(key) : null;
    }
}
