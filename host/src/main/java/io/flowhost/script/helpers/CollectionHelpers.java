package io.flowhost.script.helpers;

import static io.flowhost.script.helpers.Args.helper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Helpers over arrays and objects. The newest element is {@code lastOf}: {@code last} is the
 * template scope's newest output entry.
 */
final class CollectionHelpers {
    private static final int MAX_RANGE = 1_000_000;

    private CollectionHelpers() {}

    static List<Helper> all() {
        return List.of(
                helper("first", "collections", "first(list)", "The first element, or null", "first([3, 1, 2])", "3",
                        a -> a.list(0).isEmpty() ? null : a.list(0).get(0)),
                helper("lastOf", "collections", "lastOf(list)", "The last element, or null ('last' is the newest output)",
                        "lastOf([3, 1, 2])", "2", a -> a.list(0).isEmpty() ? null : a.list(0).get(a.list(0).size() - 1)),
                helper("sortBy", "collections", "sortBy(list, key)",
                        "Sorted by a field (numbers by value, text alphabetically; missing last), stable",
                        "sortBy([{n: 'b', s: 2}, {n: 'a', s: 1}], 's').map(x => x.n)", "[\"a\",\"b\"]", a -> {
                            String key = a.text(1);
                            List<Object> sorted = new ArrayList<>(a.list(0));
                            sorted.sort(Comparator.comparing((Object o) -> field(o, key), CollectionHelpers::compare));
                            return sorted;
                        }),
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
                        "uniq([1, 2, 1, 3, 2])", "[1,2,3]", a -> new ArrayList<>(new LinkedHashSet<>(a.list(0)))),
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
                            if (end - start > MAX_RANGE) {
                                throw a.wrong("more than " + MAX_RANGE + " numbers");
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

    private static Object field(Object element, String key) {
        return element instanceof Map<?, ?> map ? map.get(key) : null;
    }

    private static int compare(Object left, Object right) {
        if (Objects.equals(left, right)) {
            return 0;
        }
        if (left == null) {
            return 1;
        }
        if (right == null) {
            return -1;
        }
        if (left instanceof Number l && right instanceof Number r) {
            return Double.compare(l.doubleValue(), r.doubleValue());
        }
        return String.valueOf(left).compareTo(String.valueOf(right));
    }
}
