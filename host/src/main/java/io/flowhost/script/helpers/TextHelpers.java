package io.flowhost.script.helpers;

import static io.flowhost.script.helpers.Args.helper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.commons.lang3.StringUtils;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.WordUtils;

/** Text helpers; escaping and word handling from Apache Commons Text (never its interpolator). */
final class TextHelpers {
    /** A pattern's work on one text stops after this long: a job author's regex must not hang a worker. */
    private static final long REGEX_BUDGET_NANOS = 2_000_000_000L;
    private static final int MAX_PAD = 1_000_000;

    private TextHelpers() {}

    static List<Helper> all() {
        return List.of(
                helper("upper", "text", "upper(text)", "Upper case", "upper('Flow')", "\"FLOW\"",
                        a -> a.text(0).toUpperCase(Locale.ROOT)),
                helper("lower", "text", "lower(text)", "Lower case", "lower('Flow')", "\"flow\"",
                        a -> a.text(0).toLowerCase(Locale.ROOT)),
                helper("title", "text", "title(text)", "Each word capitalized, the rest lower case",
                        "title('hello big WORLD')", "\"Hello Big World\"", a -> WordUtils.capitalizeFully(a.text(0))),
                helper("camel", "text", "camel(text)", "camelCase from words separated by spaces, '_' or '-'",
                        "camel('file name-v2')", "\"fileNameV2\"", a -> {
                            List<String> words = words(a.text(0));
                            StringBuilder out = new StringBuilder();
                            for (String word : words) {
                                out.append(out.isEmpty() ? word : StringUtils.capitalize(word));
                            }
                            return out.toString();
                        }),
                helper("snake", "text", "snake(text)", "snake_case from words, camelCase included",
                        "snake('fileName v2')", "\"file_name_v2\"", a -> String.join("_", words(a.text(0)))),
                helper("kebab", "text", "kebab(text)", "kebab-case from words, camelCase included",
                        "kebab('File Name_v2')", "\"file-name-v2\"", a -> String.join("-", words(a.text(0)))),
                helper("trim", "text", "trim(text)", "Without white space at both ends", "trim('  a b  ')", "\"a b\"",
                        a -> a.text(0).strip()),
                helper("abbreviate", "text", "abbreviate(text, max)", "Shortened to max characters, ending in '...'",
                        "abbreviate('Flowhost runs jobs', 10)", "\"Flowhos...\"",
                        a -> StringUtils.abbreviate(a.text(0), (int) Math.max(4, a.whole(1)))),
                helper("wrap", "text", "wrap(text, width)", "Wrapped into lines of at most width characters",
                        "wrap('one two three four', 9)", "\"one two\\nthree\\nfour\"",
                        a -> WordUtils.wrap(a.text(0), (int) Math.max(1, a.whole(1)), "\n", true)),
                helper("padLeft", "text", "padLeft(text, width, char?)", "Padded on the left to width (with spaces or char)",
                        "padLeft('7', 3, '0')", "\"007\"",
                        a -> StringUtils.leftPad(a.text(0), pad(a), a.text(2, " "))),
                helper("padRight", "text", "padRight(text, width, char?)", "Padded on the right to width",
                        "padRight('ab', 4, '.')", "\"ab..\"",
                        a -> StringUtils.rightPad(a.text(0), pad(a), a.text(2, " "))),
                helper("replaceAll", "text", "replaceAll(text, regex, replacement)",
                        "Every match of a Java regular expression replaced ($1 for groups)",
                        "replaceAll('a-b_c', '[-_]', ' ')", "\"a b c\"", TextHelpers::replaceAll),
                helper("escapeHtml", "text", "escapeHtml(text)", "Safe inside HTML", "escapeHtml('<b>&</b>')",
                        "\"&lt;b&gt;&amp;&lt;/b&gt;\"", a -> StringEscapeUtils.escapeHtml4(a.text(0))),
                helper("unescapeHtml", "text", "unescapeHtml(text)", "HTML entities turned back into text",
                        "unescapeHtml('&lt;b&gt; &eacute;')", "\"<b> é\"", a -> StringEscapeUtils.unescapeHtml4(a.text(0))),
                helper("escapeXml", "text", "escapeXml(text)", "Safe inside XML", "escapeXml('a<\"b\">')",
                        "\"a&lt;&quot;b&quot;&gt;\"", a -> StringEscapeUtils.escapeXml10(a.text(0))),
                helper("escapeJson", "text", "escapeJson(text)", "Safe inside a JSON string", "escapeJson('say \"hi\"')",
                        "\"say \\\\\\\"hi\\\\\\\"\"", a -> StringEscapeUtils.escapeJson(a.text(0))),
                helper("escapeCsv", "text", "escapeCsv(text)", "A CSV field, quoted when it must be",
                        "escapeCsv('a,b')", "\"\\\"a,b\\\"\"", a -> StringEscapeUtils.escapeCsv(a.text(0))),
                helper("escapeShell", "text", "escapeShell(text)", "One POSIX shell word, single-quoted",
                        "escapeShell(\"it's\")", "\"'it'\\\"'\\\"'s'\"",
                        a -> "'" + a.text(0).replace("'", "'\"'\"'") + "'"));
    }

    private static int pad(Args a) {
        long width = a.whole(1);
        if (width > MAX_PAD) {
            throw a.wrong("width " + width + " is more than " + MAX_PAD);
        }
        if (a.has(2) && a.text(2).length() != 1) {
            throw a.wrong("char must be one character");
        }
        return (int) width;
    }

    /** Words of a text: split at spaces, '_', '-', '.' and lower-to-upper case changes; lower case. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String part : text.split("[\\s_\\-.]+")) {
            for (String word : StringUtils.splitByCharacterTypeCamelCase(part)) {
                if (!word.isBlank()) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        }
        // splitByCharacterTypeCamelCase separates digits: "v2" stays one word
        List<String> merged = new ArrayList<>();
        for (String word : words) {
            if (!merged.isEmpty() && word.chars().allMatch(Character::isDigit)) {
                merged.set(merged.size() - 1, merged.get(merged.size() - 1) + word);
            } else {
                merged.add(word);
            }
        }
        return merged;
    }

    private static Object replaceAll(Args a) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(a.text(1));
        } catch (PatternSyntaxException e) {
            throw a.wrong("invalid regex: " + e.getDescription());
        }
        long deadline = System.nanoTime() + REGEX_BUDGET_NANOS;
        Matcher matcher = pattern.matcher(new Deadline(a.text(0), deadline, a));
        try {
            return matcher.replaceAll(a.text(2));
        } catch (RegexTimeout e) {
            throw e;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw a.wrong(e.getMessage());
        }
    }

    private static final class RegexTimeout extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        RegexTimeout(String message) {
            super(message);
        }
    }

    /** A text whose reading fails once its deadline passed: stops catastrophic backtracking. */
    private record Deadline(String text, long deadline, Args args) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (System.nanoTime() - deadline > 0) {
                throw new RegexTimeout(args.wrong("the regex took too long").getMessage());
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.substring(start, end), deadline, args);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
