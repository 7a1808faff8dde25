package io.flowhost.script.helpers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every helper, called directly with adversarial arguments at its limits and just over them, returns
 * or fails with a clear error well inside the default 5 s script limit. The guards are hang guards,
 * not benchmarks. A helper without cases here fails {@link #everyHelperHasAdversarialCases}.
 */
class HelperBoundsTest {
    /**
     * A hang guard, not a benchmark: each case takes well under a second on an idle machine, several
     * times that on a shared one, while a quadratic or exponential helper takes minutes.
     */
    private static final Duration GUARD = Duration.ofSeconds(3);
    /** For cases that run into a time limit of 1 s by design. */
    private static final Duration DEADLINE_GUARD = Duration.ofSeconds(4);

    private static final int TEXT = Bounds.TEXT;
    private static final Map<String, List<Case>> CASES = new LinkedHashMap<>();

    /** One adversarial call: its arguments (made outside the guard) and what must come of it. */
    private record Case(String what, Supplier<List<Object>> args, Consumer<Object> result, String error, Duration guard) {}

    private static void ok(String helper, String what, Supplier<List<Object>> args, Consumer<Object> result) {
        CASES.computeIfAbsent(helper, h -> new ArrayList<>()).add(new Case(what, args, result, null, GUARD));
    }

    private static void fails(String helper, String what, Supplier<List<Object>> args, String error) {
        CASES.computeIfAbsent(helper, h -> new ArrayList<>()).add(new Case(what, args, null, error, GUARD));
    }

    private static void timesOut(String helper, String what, Supplier<List<Object>> args, String error) {
        CASES.computeIfAbsent(helper, h -> new ArrayList<>()).add(new Case(what, args, null, error, DEADLINE_GUARD));
    }

    private static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    private static Consumer<Object> is(Object expected) {
        return actual -> assertThat(actual).isEqualTo(expected);
    }

    private static Consumer<Object> length(int expected) {
        return actual -> assertThat((String) actual).hasSize(expected);
    }

    private static String textOver() {
        return "a".repeat(TEXT + 1);
    }

    private static String resultOver(String signature, int length) {
        return signature + ": result length " + length + " is over the limit of " + TEXT;
    }

    private static String grown() {
        return "the result is over the limit of " + TEXT + " characters";
    }

    private static String tooMuchWork() {
        return "the query needs more work than its limit (5000000 steps or 1000 ms) on this document";
    }

    private static String argumentOver(String signature, int argument) {
        return signature + ": argument " + argument + " length " + (TEXT + 1) + " is over the limit of " + TEXT;
    }

    private static List<Object> numbers(int count) {
        List<Object> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add((long) (count - i) % 1000);
        }
        return list;
    }

    private static List<Object> records(int count) {
        List<Object> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(Map.of("k", i % 2 == 0 ? (Object) (long) (i % 977) : "t" + i % 13));
        }
        return list;
    }

    private static Object nested(int depth) {
        Object value = 1L;
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    static {
        // secret: a name is a short word; the placeholder never holds the value
        ok("secret", "a name of the longest length", () -> list("S".repeat(128)), is("[[secret:" + "S".repeat(128) + "]]"));
        fails("secret", "a name one character too long", () -> list("S".repeat(129)),
                "a secret's name is a word of letters, digits and '_' of at most 128 characters, not '"
                        + "S".repeat(40) + "...'");
        fails("secret", "a name of the longest text", () -> list("x".repeat(TEXT)),
                "a secret's name is a word of letters, digits and '_' of at most 128 characters, not '"
                        + "x".repeat(40) + "...'");
        fails("secret", "a name that is not a word", () -> list("A]]B"),
                "a secret's name is a word of letters, digits and '_' of at most 128 characters, not 'A]]B'");

        // paths: message data alone reaches them; a path of slashes was quadratic
        for (String helper : List.of("base", "dir", "ext", "stem")) {
            String signature = helper + "(path)";
            ok(helper, "400k slashes", () -> list("/".repeat(400_000)), is(helper.equals("ext") ? "" : "/"));
            ok(helper, "a path of the longest text", () -> list("a/".repeat(TEXT / 2)),
                    is(helper.equals("dir") ? "a/".repeat(TEXT / 2 - 1).substring(0, TEXT - 3) : helper.equals("ext") ? "" : "a"));
            fails(helper, "a path over the text limit", () -> list(textOver()), argumentOver(signature, 1));
        }
        ok("join", "parts of slashes", () -> list("/".repeat(TEXT / 2), "/".repeat(TEXT / 2), "x:" + "/".repeat(1000) + "y"),
                is("/x://y"));
        fails("join", "parts that join over the text limit", () -> list("a".repeat(TEXT / 2), "b".repeat(TEXT / 2)),
                resultOver("join(part, ...)", TEXT + 1));

        // text
        ok("upper", "the longest text", () -> list("ab".repeat(TEXT / 2)), length(TEXT));
        fails("upper", "a text that grows past the limit", () -> list("ß".repeat(TEXT / 2 + 1)),
                resultOver("upper(text)", TEXT + 2));
        // String.toUpperCase copies its whole result for every 'ß' (one becomes "SS"): 200k took 10 s
        ok("upper", "characters that grow", () -> list("ß".repeat(TEXT / 2)), length(TEXT));
        ok("lower", "the longest text", () -> list("AB".repeat(TEXT / 2)), length(TEXT));
        // and toLowerCase for every 'İ' (it becomes "i" and a combining dot)
        ok("lower", "characters that grow", () -> list("\u0130".repeat(TEXT / 2)), is("i\u0307".repeat(TEXT / 2)));
        ok("lower", "a final sigma stays one", () -> list("\u0130\u03a3 \u03a3\u0130\u03a3"), is("i\u0307\u03c2 \u03c3i\u0307\u03c2"));
        ok("title", "characters that grow", () -> list("\u0130".repeat(TEXT / 2)),
                is("I\u0307" + "i\u0307".repeat(TEXT / 2 - 1)));
        fails("lower", "over the text limit", () -> list(textOver()), argumentOver("lower(text)", 1));
        ok("title", "the longest text", () -> list("a ".repeat(TEXT / 2)), length(TEXT));
        fails("title", "over the text limit", () -> list(textOver()), argumentOver("title(text)", 1));
        for (String helper : List.of("camel", "snake", "kebab")) {
            // digit groups were joined by repeated concatenation: quadratic
            ok(helper, "half a million digit groups", () -> list("a" + "_1".repeat(TEXT / 2 - 1)),
                    is("a" + "1".repeat(TEXT / 2 - 1)));
            ok(helper, "half a million words", () -> list("aB".repeat(TEXT / 4)), actual -> assertThat((String) actual).isNotEmpty());
            fails(helper, "over the text limit", () -> list(textOver()), argumentOver(helper + "(text)", 1));
        }
        ok("trim", "the longest text of spaces", () -> list(" ".repeat(TEXT)), is(""));
        fails("trim", "over the text limit", () -> list(textOver()), argumentOver("trim(text)", 1));
        ok("abbreviate", "the widest width", () -> list("a".repeat(TEXT), Bounds.WIDTH), length(Bounds.WIDTH));
        ok("abbreviate", "a negative width", () -> list("abcdefgh", -5e18), is("a..."));
        fails("abbreviate", "a width over the limit", () -> list("a", 2e9),
                "abbreviate(text, max): width 2000000000 is over the limit of 1048576");
        // spaces at line starts were dropped one regex window (of width characters) at a time
        ok("wrap", "spaces with the widest width", () -> list(" ".repeat(TEXT), Bounds.WIDTH), is(""));
        ok("wrap", "one character per line", () -> list("a ".repeat(TEXT / 2), 1), length(TEXT));
        ok("wrap", "a long word in short lines", () -> list("a".repeat(TEXT / 2), 1), length(TEXT - 1));
        fails("wrap", "a width over the limit", () -> list("a", Bounds.WIDTH + 1),
                "wrap(text, width): width 1048577 is over the limit of 1048576");
        ok("padLeft", "the widest width", () -> list("7", Bounds.WIDTH, "0"), length(Bounds.WIDTH));
        fails("padLeft", "a width over the limit", () -> list("7", 2_000_000),
                "padLeft(text, width, char?): width 2000000 is over the limit of 1048576");
        ok("padRight", "the widest width", () -> list("7", Bounds.WIDTH), length(Bounds.WIDTH));
        fails("padRight", "a width over the limit", () -> list("7", 1e300),
                "padRight(text, width, char?): 1.0E300 is too large a whole number");
        String replaceAll = "replaceAll(text, regex, replacement): ";
        timesOut("replaceAll", "an exponential back-reference regex", () -> list("a".repeat(40), "(a*)*\\1b", "x"),
                replaceAll + "the regex ran over the limit of 1000 ms");
        ok("replaceAll", "every character of the longest text", () -> list("a".repeat(TEXT), "a", "b"), length(TEXT));
        fails("replaceAll", "an empty regex that grows the text", () -> list("a".repeat(TEXT / 2), "", "xx"),
                replaceAll + grown());
        fails("replaceAll", "a group copied many times", () -> list("a".repeat(1 << 20), "(a+)", "$1".repeat(8)),
                replaceAll + grown());
        fails("replaceAll", "a regex over the limit", () -> list("a", "a".repeat(Bounds.REGEX + 1), ""),
                replaceAll + "argument 2 length 10001 is over the limit of 10000");
        fails("replaceAll", "a group the regex does not have", () -> list("a", "a", "$2"), replaceAll + "invalid replacement: no group 2");
        ok("escapeHtml", "a text that grows to the limit", () -> list("&".repeat(TEXT / 5)), length(TEXT / 5 * 5));
        fails("escapeHtml", "a text that grows past the limit", () -> list("&".repeat(TEXT / 5 + 1)),
                "escapeHtml(text): " + grown());
        ok("unescapeHtml", "numeric entities that never end", () -> list("&#" + "1".repeat(TEXT - 2)), length(TEXT));
        ok("unescapeHtml", "the longest text of entities", () -> list("&lt;".repeat(TEXT / 4)), length(TEXT / 4));
        fails("unescapeHtml", "over the text limit", () -> list(textOver()), argumentOver("unescapeHtml(text)", 1));
        ok("escapeXml", "a text that grows to the limit", () -> list("<".repeat(TEXT / 4)), length(TEXT));
        fails("escapeXml", "a text that grows past the limit", () -> list("<".repeat(TEXT / 4 + 1)),
                "escapeXml(text): " + grown());
        ok("escapeJson", "control characters", () -> list("\u0001".repeat(TEXT / 6)), length(TEXT / 6 * 6));
        fails("escapeJson", "a text that grows past the limit", () -> list("\u0001".repeat(TEXT / 6 + 1)),
                "escapeJson(text): " + grown());
        ok("escapeCsv", "quotes", () -> list("\"".repeat(TEXT / 2 - 1)), length(TEXT));
        fails("escapeCsv", "quotes past the limit", () -> list("\"".repeat(TEXT / 2)),
                "escapeCsv(text): " + grown());
        ok("escapeShell", "quotes", () -> list("'".repeat((TEXT - 2) / 5)), length((TEXT - 2) / 5 * 5 + 2));
        fails("escapeShell", "quotes past the limit", () -> list("'".repeat((TEXT - 2) / 5 + 1)),
                resultOver("escapeShell(text)", TEXT + 1));

        // dates: ISO texts, zones and durations are short; a long duration was quadratic
        ok("now", "arguments it does not take", () -> list(numbers(Bounds.VALUES)), actual -> assertThat((String) actual).endsWith("Z"));
        ok("formatDate", "the longest pattern (a pad of 255)", () -> list("2026-07-14T09:12:44Z", "p".repeat(255) + "H"), length(255));
        fails("formatDate", "a pattern over the limit", () -> list("2026-07-14T09:12:44Z", "y".repeat(257)),
                "formatDate(iso, pattern, zone?): argument 2 length 257 is over the limit of 256");
        fails("formatDate", "an instant over the limit", () -> list("2".repeat(65), "yyyy"),
                "formatDate(iso, pattern, zone?): argument 1 length 65 is over the limit of 64");
        fails("formatDate", "a zone over the limit", () -> list("2026-07-14T09:12:44Z", "yyyy", "Z".repeat(65)),
                "formatDate(iso, pattern, zone?): argument 3 length 65 is over the limit of 64");
        ok("parseDate", "the longest text", () -> list(" ".repeat(240) + "14/07/2026", "'" + " ".repeat(240) + "'dd/MM/yyyy"),
                is("2026-07-14T00:00:00Z"));
        fails("parseDate", "a text over the limit", () -> list("1".repeat(257), "yyyy"),
                "parseDate(text, pattern, zone?): argument 1 length 257 is over the limit of 256");
        fails("addDuration", "a duration of 24k digits", () -> list("2026-07-14T09:00:00Z", "1".repeat(24_000) + "h"),
                "addDuration(iso, duration): argument 2 length 24001 is over the limit of 64");
        ok("addDuration", "the longest duration", () -> list("2026-07-14T09:00:00Z", "1h".repeat(32)), is("2026-07-15T17:00:00Z"));
        fails("addDuration", "past the last instant", () -> list("+1000000000-12-31T23:59:59Z", "1d"),
                "addDuration(iso, duration): the result is out of the range of instants");
        fails("diff", "instants too far apart", () -> list("-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z"),
                "diff(from, to): the instants are too far apart to count in milliseconds");
        fails("diff", "an instant over the limit", () -> list("2".repeat(65), "2026-07-14T09:00:00Z"),
                "diff(from, to): argument 1 length 65 is over the limit of 64");
        ok("ago", "instants far apart", () -> list("-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z"),
                actual -> assertThat((String) actual).endsWith(" years ago"));
        fails("ago", "an instant over the limit", () -> list("2".repeat(65)), "ago(iso, now?): argument 1 length 65 is over the limit of 64");
        fails("toEpoch", "the last instant", () -> list("+1000000000-12-31T23:59:59Z"),
                "toEpoch(iso): the instant is too far from 1970 to count in milliseconds");
        ok("fromEpoch", "the largest whole number", () -> list(9.2e18), is(Instant.ofEpochMilli(9_200_000_000_000_000_000L).toString()));
        fails("fromEpoch", "a number past every long", () -> list(1e19), "fromEpoch(millis): 1.0E19 is too large a whole number");

        // numbers
        ok("humanBytes", "a number written with the most digits", () -> list("9".repeat(TEXT)), is("Infinity PiB"));
        fails("humanBytes", "a number over the text limit", () -> list(textOver()),
                argumentOver("humanBytes(bytes)", 1));
        // the regex backtracked quadratically over digits: 40k digits took 75 s
        fails("parseBytes", "40k digits", () -> list("1".repeat(40_000)),
                "parseBytes(text): '1111111111111111111111111111111111111111...' (40000 characters) is too large a size");
        fails("parseBytes", "40k digits and no unit", () -> list("1".repeat(40_000) + " x"),
                "parseBytes(text): '1111111111111111111111111111111111111111...' (40002 characters) is not a size");
        ok("parseBytes", "the longest fraction", () -> list("0." + "0".repeat(TEXT - 8) + "1 KiB"), is(0L));
        ok("comma", "the largest double", () -> list(Double.MAX_VALUE), actual -> assertThat((String) actual).startsWith("179,769,313,486,231,570,000,000,"));
        fails("comma", "a number over the text limit", () -> list(textOver()), argumentOver("comma(number)", 1));
        // 2e7 digits made a BigDecimal of 20 million digits: 59 s and 1.4 GB
        ok("round", "20 million digits", () -> list(1.5, 2e7), is(1.5));
        ok("round", "minus 20 million digits", () -> list(1.5, -2e7), is(0L));
        ok("round", "a tiny number to the most digits", () -> list(4.9e-324, 400), is(4.9e-324));
        fails("round", "digits past every long", () -> list(1.5, 1e300), "round(number, digits?): 1.0E300 is too large a whole number");

        // encoding
        ok("base64", "a text whose Base64 is the limit", () -> list("a".repeat(TEXT / 4 * 3)), length(TEXT));
        fails("base64", "a text whose Base64 is over the limit", () -> list("a".repeat(TEXT / 4 * 3 + 1)),
                resultOver("base64(text)", TEXT + 4));
        ok("fromBase64", "the longest text", () -> list("QUJD".repeat(TEXT / 4)), length(TEXT / 4 * 3));
        fails("fromBase64", "over the text limit", () -> list(textOver()), argumentOver("fromBase64(text)", 1));
        ok("hex", "a text whose hex is the limit", () -> list("é".repeat(TEXT / 4)), length(TEXT));
        fails("hex", "a text whose hex is over the limit", () -> list("é".repeat(TEXT / 4 + 1)),
                resultOver("hex(text)", TEXT + 4));
        ok("fromHex", "the longest text", () -> list("41".repeat(TEXT / 2)), length(TEXT / 2));
        fails("fromHex", "over the text limit", () -> list(textOver()), argumentOver("fromHex(text)", 1));
        ok("urlEncode", "a text whose encoding is the limit", () -> list("/".repeat(TEXT / 3)), length(TEXT / 3 * 3));
        fails("urlEncode", "a text whose encoding is over the limit", () -> list("€".repeat(TEXT / 9 + 1)),
                resultOver("urlEncode(text)", TEXT + 5));
        ok("urlDecode", "the longest text", () -> list("%41".repeat(TEXT / 3)), length(TEXT / 3));
        fails("urlDecode", "over the text limit", () -> list(textOver()), argumentOver("urlDecode(text)", 1));
        for (String helper : List.of("sha256", "sha1", "md5")) {
            ok(helper, "the longest text", () -> list("é".repeat(TEXT)), actual -> assertThat((String) actual).matches("[0-9a-f]+"));
            fails(helper, "over the text limit", () -> list(textOver()), argumentOver(helper + "(text)", 1));
        }
        ok("uuid", "arguments it does not take", () -> list(numbers(Bounds.VALUES)), length(36));

        // json
        ok("toJson", "the deepest value", () -> list(nested(32)), is("[".repeat(32) + "1" + "]".repeat(32)));
        fails("toJson", "a value too deep", () -> list(nested(33)), "toJson(value, indent?): the value is nested more than 32 levels deep");
        fails("toJson", "pretty text over the limit", () -> list(records(100_000), true),
                "toJson(value, indent?): " + grown());
        ok("fromJson", "the deepest text", () -> list("[".repeat(32) + "]".repeat(32)), is(nestedEmpty(31)));
        fails("fromJson", "a text too deep", () -> list("[".repeat(100_000)),
                "fromJson(text): the JSON text is nested more than 32 levels deep");
        ok("fromJson", "the most values the longest text holds", () -> list("[" + "0,".repeat(TEXT / 2 - 2) + "0]"),
                actual -> assertThat((List<?>) actual).hasSize(TEXT / 2 - 1));
        fails("fromJson", "over the text limit", () -> list(textOver()), argumentOver("fromJson(text)", 1));
        String query = "query(value, jsonPath): ";
        fails("query", "an exponential back-reference regex", () -> list(Map.of("a", List.of("a".repeat(40))), "$.a[?(@ =~ /(a*)*\\1b/)]"),
                query + "the =~ regex filter is not supported (a regex in host code cannot be stopped); filter the result "
                        + "in JavaScript instead, e.g. query(v, '$.a[*]').filter(x => /re/.test(x.name))");
        fails("query", "chained deep scans", () -> list(deep(8, 6), "$..*..*..*..*"), query + tooMuchWork());
        ok("query", "one deep scan over a large document", () -> list(records(30_000), "$..k"),
                actual -> assertThat((List<?>) actual).hasSize(30_000));
        // Jayway compares a number with a string as BigDecimals: a million digits took 14 s, per element
        fails("query", "a number as text of a million digits in a filter",
                () -> list(Map.of("a", List.of(1L, 2L), "n", "1".repeat(1_000_000)), "$.a[?(@ == $.n)]"),
                query + tooMuchWork());
        fails("query", "a pairwise list operator", () -> list(Map.of("a", List.of()), "$.a[?(@.x anyof $.b)]"),
                query + "the 'anyof' filter operator is not supported (its work in host code cannot be bounded); "
                        + "filter the result in JavaScript instead");
        fails("query", "in over a list from the document", () -> list(Map.of("a", List.of()), "$.a[?(@.x in $.b)]"),
                query + "the 'in' filter operator is not supported with anything but a literal list such as ['a', 'b'] "
                        + "(its work in host code cannot be bounded); filter the result in JavaScript instead");
        fails("query", "a function with arguments", () -> list(Map.of("a", "x"), "$.concat($.a, $.a)"),
                query + "JSONPath functions with arguments are not supported (each call copies the whole document as "
                        + "text); compute in JavaScript instead");
        fails("query", "a path over the limit", () -> list(Map.of(), "$" + ".a".repeat(500)),
                query + "argument 2 length 1001 is over the limit of 1000");
        fails("query", "a document too deep", () -> list(nested(33), "$"), query + "the document is nested more than 32 levels deep");

        // collections
        ok("first", "the longest list", () -> list(numbers(Bounds.VALUES)), is(0L));
        fails("first", "a list over the limit", () -> list(numbers(Bounds.VALUES + 1)),
                "first(list): argument 1 length 1000001 is over the limit of 1000000");
        ok("lastOf", "the longest list", () -> list(numbers(Bounds.VALUES)), is(1L));
        fails("lastOf", "a list over the limit", () -> list(numbers(Bounds.VALUES + 1)),
                "lastOf(list): argument 1 length 1000001 is over the limit of 1000000");
        ok("sortBy", "the longest list of mixed keys", () -> list(records(Bounds.VALUES), "k"),
                actual -> assertThat(((Map<?, ?>) ((List<?>) actual).get(0)).get("k")).isEqualTo(0L));
        fails("sortBy", "a list over the limit", () -> list(numbers(Bounds.VALUES + 1), "k"),
                "sortBy(list, key): argument 1 length 1000001 is over the limit of 1000000");
        ok("groupBy", "the longest list", () -> list(records(Bounds.VALUES), "k"),
                actual -> assertThat((Map<?, ?>) actual).hasSize(977 + 13));
        fails("groupBy", "a list over the limit", () -> list(numbers(Bounds.VALUES + 1), "k"),
                "groupBy(list, key): argument 1 length 1000001 is over the limit of 1000000");
        // [0, 31] and [1, 0] have the same hashCode: a hash set of such lists compared each with all
        ok("uniq", "lists whose hash codes collide", () -> list(colliding(300_000)),
                actual -> assertThat((List<?>) actual).hasSize(300_000));
        fails("uniq", "a list over the limit", () -> list(numbers(Bounds.VALUES + 1)),
                "uniq(list): argument 1 length 1000001 is over the limit of 1000000");
        ok("sum", "the longest list", () -> list(numbers(Bounds.VALUES)), is(499_500_000L));
        fails("sum", "a list over the limit", () -> list(numbers(Bounds.VALUES + 1)),
                "sum(list, key?): argument 1 length 1000001 is over the limit of 1000000");
        ok("pluck", "the longest list", () -> list(records(Bounds.VALUES), "k"), actual -> assertThat((List<?>) actual).hasSize(Bounds.VALUES));
        fails("pluck", "a list over the limit", () -> list(numbers(Bounds.VALUES + 1), "k"),
                "pluck(list, key): argument 1 length 1000001 is over the limit of 1000000");
        ok("keys", "the largest object", () -> list(bigMap(Bounds.VALUES)), actual -> assertThat((List<?>) actual).hasSize(Bounds.VALUES));
        fails("keys", "an object over the limit", () -> list(bigMap(Bounds.VALUES + 1)),
                "keys(object): argument 1 size 1000001 is over the limit of 1000000");
        ok("values", "the largest object", () -> list(bigMap(Bounds.VALUES)), actual -> assertThat((List<?>) actual).hasSize(Bounds.VALUES));
        fails("values", "an object over the limit", () -> list(bigMap(Bounds.VALUES + 1)),
                "values(object): argument 1 size 1000001 is over the limit of 1000000");
        // end - start overflowed, so the size check passed and the loop ran until the heap was full
        fails("range", "from -5e18 to 5e18", () -> list(-5e18, 5e18),
                "range(end) or range(start, end): range size 10000000000000000000 is over the limit of 1000000");
        ok("range", "the longest range", () -> list(-4e15, -4e15 + Bounds.RANGE), actual -> assertThat((List<?>) actual).hasSize(Bounds.RANGE));
        fails("range", "one more", () -> list(Bounds.RANGE + 1), "range(end) or range(start, end): range size 1000001 is over the limit of 1000000");
        ok("coalesce", "the most arguments", () -> Collections.nCopies(Bounds.VALUES, null), is(null));
    }

    private static Object nestedEmpty(int depth) {
        Object value = List.of();
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    /** A tree {@code depth} levels deep with {@code width} children per object. */
    private static Object deep(int width, int depth) {
        if (depth == 0) {
            return 1L;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < width; i++) {
            map.put("k" + i, deep(width, depth - 1));
        }
        return map;
    }

    private static List<Object> colliding(int count) {
        List<Object> lists = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // (31 * (31 + a) + b) is the same for (a, b) and (a + 1, b - 31)
            lists.add(List.of((long) i, 31L * (count - i)));
        }
        return lists;
    }

    private static Map<String, Object> bigMap(int size) {
        Map<String, Object> map = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            map.put(Integer.toString(i), 1L);
        }
        return map;
    }

    @TestFactory
    Stream<DynamicTest> everyHelperHasAdversarialCases() {
        return HelperLibrary.all().stream().flatMap(helper -> {
            List<Case> cases = CASES.getOrDefault(helper.name(), List.of());
            if (cases.isEmpty()) {
                return Stream.of(DynamicTest.dynamicTest(helper.name() + " has adversarial cases", () ->
                        assertThat(cases).as("adversarial cases of %s in HelperBoundsTest", helper.name()).isNotEmpty()));
            }
            return cases.stream().map(c -> DynamicTest.dynamicTest(helper.name() + ": " + c.what(), () -> {
                List<Object> args = c.args().get();
                assertTimeoutPreemptively(c.guard(), () -> {
                    if (c.error() == null) {
                        c.result().accept(helper.function().apply(args));
                    } else {
                        assertThatThrownBy(() -> helper.function().apply(args))
                                .isInstanceOf(IllegalArgumentException.class).hasMessage(c.error());
                    }
                });
            }));
        });
    }

    @Test
    void everyCaseNamesAHelper() {
        assertThat(CASES.keySet()).allMatch(name -> HelperLibrary.find(name).isPresent());
    }
}
