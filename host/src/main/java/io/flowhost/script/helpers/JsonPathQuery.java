package io.flowhost.script.helpers;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.TypeRef;
import com.jayway.jsonpath.spi.json.AbstractJsonProvider;
import com.jayway.jsonpath.spi.mapper.MappingProvider;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code query} helper: Jayway JsonPath over the argument's plain values, under a work budget.
 *
 * <p>Jayway evaluates in host code that nothing can interrupt, so the query bounds itself three ways:
 * <ul>
 *   <li>Jayway reaches the document only through our {@link JsonProvider} and {@link Mapping}, and
 *       each call is charged to a {@link Work} budget ({@link Bounds#QUERY_STEPS} units and
 *       {@link Bounds#QUERY_MILLIS}): that bounds wildcards, deep scans ({@code ..}, chained ones
 *       multiply), the number of filter applications and of results. A call costs more on a document
 *       whose paths are long (Jayway writes each result's path as text), and a string handed to a
 *       filter costs its length, and a number written as text also its square (Jayway may turn it
 *       into a {@code BigDecimal}, which takes quadratic time: a million digits, 14 s).
 *   <li>What Jayway does without calling us is refused before it runs: the {@code =~} regex
 *       ({@code EvaluatorFactory} keeps its evaluators in a private static map and matches plain
 *       Strings with java.util.regex, so no deadline can be plugged in, and a back-reference regex
 *       takes exponential time); the list operators {@code contains}, {@code subsetof},
 *       {@code anyof}, {@code noneof}, {@code all}, and {@code in}/{@code nin} over anything but a
 *       literal list (they compare every pair, and re-read each string of a list as a JSONPath or JSON
 *       text); and functions with arguments (each call writes the whole document as text).
 *   <li>The path is at most {@link Bounds#JSON_PATH} characters; the document has the bounds of
 *       every argument (values, depth).
 * </ul>
 * Filtering in JavaScript on the result ({@code query(v, '$.a[*]').filter(x => /re/.test(x.name))})
 * does all that is refused here, under the watchdog.
 */
final class JsonPathQuery {
    private static final Set<String> LIST_OPERATORS = Set.of("contains", "subsetof", "anyof", "noneof", "all");
    private static final Set<String> IN_OPERATORS = Set.of("in", "nin");

    private JsonPathQuery() {}

    static Object query(Args a) {
        String text = a.text(1, Bounds.JSON_PATH);
        long literals = refuseUnbounded(a, text);
        JsonPath path;
        try {
            path = JsonPath.compile(text);
        } catch (InvalidPathException e) {
            throw a.wrong("invalid JSONPath " + Args.quote(text) + ": " + e.getMessage());
        } catch (StackOverflowError e) {
            throw a.wrong("invalid JSONPath " + Args.quote(text) + ": nested too deeply");
        }
        Object document = a.raw(0);
        Work work = new Work(a, document, literals);
        Configuration configuration = Configuration.builder()
                .jsonProvider(new JsonProvider(work))
                .mappingProvider(new Mapping(work))
                // a missing definite path gives null, an empty indefinite one []; our own errors still pass
                .options(Option.SUPPRESS_EXCEPTIONS)
                .build();
        return path.read(document, configuration);
    }

    /**
     * Refuses what Jayway would do without calling the provider (see the class comment), reading the
     * path as Jayway's compiler does: quoted texts are skipped, a word right after '.' is a property or
     * function name, any other word is an operator or a literal.
     *
     * @return the cost of the path's string literals, charged on every provider call, since a filter
     *         may turn a literal into a number once per element it is applied to
     */
    static long refuseUnbounded(Args a, String path) {
        long literals = 0;
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != c) {
                    end += path.charAt(end) == '\\' ? 2 : 1;
                }
                long length = Math.min(end, path.length()) - i;
                literals += length * length / 4096;
                i = end + 1;
            } else if (c == '=' && i + 1 < path.length() && path.charAt(i + 1) == '~') {
                throw a.wrong("the =~ regex filter is not supported (a regex in host code cannot be stopped); "
                        + "filter the result in JavaScript instead, e.g. query(v, '$.a[*]').filter(x => /re/.test(x.name))");
            } else if (Character.isLetter(c)) {
                int end = i;
                while (end < path.length() && (Character.isLetterOrDigit(path.charAt(end)) || "_-$".indexOf(path.charAt(end)) >= 0)) {
                    end++;
                }
                String word = path.substring(i, end).toLowerCase(Locale.ROOT);
                boolean name = i > 0 && path.charAt(i - 1) == '.';
                if (!name && LIST_OPERATORS.contains(word)
                        || !name && IN_OPERATORS.contains(word) && !nextIs(path, end, '[')) {
                    throw a.wrong("the '" + word + "' filter operator is not supported" + (IN_OPERATORS.contains(word)
                            ? " with anything but a literal list such as ['a', 'b']" : "")
                            + " (its work in host code cannot be bounded); filter the result in JavaScript instead");
                }
                if (end < path.length() && path.charAt(end) == '(' && !nextIs(path, end + 1, ')')) {
                    throw a.wrong("JSONPath functions with arguments are not supported (each call copies the whole "
                            + "document as text); compute in JavaScript instead");
                }
                i = end;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static boolean nextIs(String text, int from, char expected) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == expected;
    }

    /** The budget of one query; see the class comment for what costs what. */
    static final class Work {
        private final Args args;
        private final long deadline = System.nanoTime() + Bounds.QUERY_MILLIS * 1_000_000;
        private final long callCost;
        private long spent;
        private int calls;

        Work(Args args, Object document, long literals) {
            this.args = args;
            this.callCost = 1 + longestPath(args, document, 0, 0, new int[1]) / 64 + literals;
        }

        /**
         * The length of the longest path Jayway can write for a value of the document, e.g.
         * {@code $['a'][12]}; the walk also checks the document's size and depth, for callers that do
         * not come through the sandbox's argument conversion.
         */
        private static long longestPath(Args args, Object value, int depth, long prefix, int[] count) {
            if (++count[0] > Bounds.VALUES) {
                throw args.wrong("the document holds more than the limit of " + Bounds.VALUES + " values");
            }
            if ((value instanceof List || value instanceof Map) && depth >= Bounds.DEPTH) {
                throw args.wrong("the document is nested more than " + Bounds.DEPTH + " levels deep");
            }
            long longest = prefix;
            if (value instanceof List<?> list) {
                long index = prefix + 2 + Integer.toString(list.size()).length();
                for (Object element : list) {
                    longest = Math.max(longest, longestPath(args, element, depth + 1, index, count));
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    long key = prefix + 4 + String.valueOf(entry.getKey()).length();
                    longest = Math.max(longest, longestPath(args, entry.getValue(), depth + 1, key, count));
                }
            }
            return longest;
        }

        void call() {
            charge(callCost);
        }

        void charge(long units) {
            spent += units;
            // one message for both limits: which one a heavy query meets first depends on the machine
            if (spent > Bounds.QUERY_STEPS || (++calls & 255) == 0 && System.nanoTime() - deadline > 0) {
                throw args.wrong("the query needs more work than its limit (" + Bounds.QUERY_STEPS + " steps or "
                        + Bounds.QUERY_MILLIS + " ms) on this document");
            }
        }

        /** A value handed to a filter: its size, and for a number written as text also its square. */
        void value(Object value) {
            if (value instanceof String text) {
                long length = text.length();
                charge(numeric(text) ? length + length * length / 4096 : length);
            } else if (value instanceof List<?> list) {
                charge(list.size());
                list.forEach(this::value);
            } else if (value instanceof Map<?, ?> map) {
                charge(map.size());
                map.values().forEach(this::value);
            } else {
                charge(1);
            }
        }
    }

    /** Whether a text may be read as a {@code BigDecimal} (a rough test: only the characters one may hold). */
    private static boolean numeric(String text) {
        for (int i = 0; i < text.length(); i++) {
            if ("0123456789+-.eE".indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Plain Java values as Jayway's documents, every call charged to the query's work. */
    static final class JsonProvider extends AbstractJsonProvider {
        private final Work work;

        JsonProvider(Work work) {
            this.work = work;
        }

        @Override
        public Object parse(String json) {
            work.charge(json.length());
            return JsonHelpers.read(work.args, json);
        }

        @Override
        public Object parse(InputStream json, String charset) {
            throw new UnsupportedOperationException("query reads no streams");
        }

        @Override
        public String toJson(Object value) {
            work.value(value);
            return JsonHelpers.write(work.args, value, false);
        }

        @Override
        public Object createArray() {
            work.call();
            return new ArrayList<>();
        }

        @Override
        public Object createMap() {
            work.call();
            return new LinkedHashMap<>();
        }

        @Override
        public boolean isArray(Object value) {
            work.call();
            return super.isArray(value);
        }

        @Override
        public boolean isMap(Object value) {
            work.call();
            return super.isMap(value);
        }

        @Override
        public Object getArrayIndex(Object array, int index) {
            work.call();
            return super.getArrayIndex(array, index);
        }

        @Override
        public void setArrayIndex(Object array, int index, Object value) {
            work.call();
            super.setArrayIndex(array, index, value);
        }

        @Override
        public Object getMapValue(Object map, String key) {
            work.call();
            return super.getMapValue(map, key);
        }

        @Override
        public void setProperty(Object map, Object key, Object value) {
            work.call();
            super.setProperty(map, key, value);
        }

        @Override
        public void removeProperty(Object value, Object key) {
            work.call();
            super.removeProperty(value, key);
        }

        @Override
        public Collection<String> getPropertyKeys(Object map) {
            Collection<String> keys = super.getPropertyKeys(map);
            work.charge(keys.size() + 1L);
            return keys;
        }

        @Override
        public int length(Object value) {
            work.call();
            return super.length(value);
        }

        @Override
        public Iterable<?> toIterable(Object array) {
            Iterable<?> elements = super.toIterable(array);
            work.charge(((List<?>) array).size() + 1L);
            return elements;
        }

        @Override
        public Object unwrap(Object value) {
            work.value(value);
            return value;
        }
    }

    /**
     * Jayway asks its mapping provider for a list or map whenever a filter compares one; the
     * document's values already are lists and maps, so each is handed over as it is, charged its size.
     */
    static final class Mapping implements MappingProvider {
        private final Work work;

        Mapping(Work work) {
            this.work = work;
        }

        @Override
        public <T> T map(Object source, Class<T> targetType, Configuration configuration) {
            work.value(source);
            if (source == null || targetType.isInstance(source)) {
                return targetType.cast(source);
            }
            throw new UnsupportedOperationException("query cannot map " + source.getClass().getSimpleName() + " to "
                    + targetType.getSimpleName());
        }

        @Override
        public <T> T map(Object source, TypeRef<T> targetType, Configuration configuration) {
            throw new UnsupportedOperationException("query maps to no generic types");
        }
    }
}
