package io.flowhost.script.helpers;

import static io.flowhost.script.helpers.Args.helper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.lang3.StringUtils;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.WordUtils;
import org.apache.commons.text.translate.CharSequenceTranslator;

/** Text helpers; escaping and word handling from Apache Commons Text (never its interpolator). */
final class TextHelpers {
    private TextHelpers() {}

    static List<Helper> all() {
        return List.of(
                helper("upper", "text", "upper(text)", "Upper case", "upper('Flow')", "\"FLOW\"",
                        a -> upper(a.text(0))),
                helper("lower", "text", "lower(text)", "Lower case", "lower('Flow')", "\"flow\"",
                        a -> lower(a.text(0))),
                helper("title", "text", "title(text)", "Each word capitalized, the rest lower case",
                        "title('hello big WORLD')", "\"Hello Big World\"", a -> WordUtils.capitalize(lower(a.text(0)))),
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
                helper("abbreviate", "text", "abbreviate(text, max)",
                        "Shortened to max characters (4 to 1048576), ending in '...'",
                        "abbreviate('Flowhost runs jobs', 10)", "\"Flowhos...\"",
                        a -> StringUtils.abbreviate(a.text(0), (int) Math.max(4, width(a, 1)))),
                helper("wrap", "text", "wrap(text, width)", "Wrapped into lines of at most width (up to 1048576) characters",
                        "wrap('one two three four', 9)", "\"one two\\nthree\\nfour\"",
                        a -> wrap(a, a.text(0), (int) Math.max(1, width(a, 1)))),
                helper("padLeft", "text", "padLeft(text, width, char?)",
                        "Padded on the left to width (up to 1048576) with spaces or char",
                        "padLeft('7', 3, '0')", "\"007\"",
                        a -> StringUtils.leftPad(a.text(0), pad(a), a.text(2, " "))),
                helper("padRight", "text", "padRight(text, width, char?)", "Padded on the right to width (up to 1048576)",
                        "padRight('ab', 4, '.')", "\"ab..\"",
                        a -> StringUtils.rightPad(a.text(0), pad(a), a.text(2, " "))),
                helper("replaceAll", "text", "replaceAll(text, regex, replacement)",
                        "Every match of a Java regular expression replaced ($1 for groups); gives up after 1 s",
                        "replaceAll('a-b_c', '[-_]', ' ')", "\"a b c\"", Regexes::replaceAll),
                helper("escapeHtml", "text", "escapeHtml(text)", "Safe inside HTML", "escapeHtml('<b>&</b>')",
                        "\"&lt;b&gt;&amp;&lt;/b&gt;\"", a -> translate(a, StringEscapeUtils.ESCAPE_HTML4)),
                helper("unescapeHtml", "text", "unescapeHtml(text)", "HTML entities turned back into text",
                        "unescapeHtml('&lt;b&gt; &eacute;')", "\"<b> é\"", a -> translate(a, StringEscapeUtils.UNESCAPE_HTML4)),
                helper("escapeXml", "text", "escapeXml(text)", "Safe inside XML", "escapeXml('a<\"b\">')",
                        "\"a&lt;&quot;b&quot;&gt;\"", a -> translate(a, StringEscapeUtils.ESCAPE_XML10)),
                helper("escapeJson", "text", "escapeJson(text)", "Safe inside a JSON string", "escapeJson('say \"hi\"')",
                        "\"say \\\\\\\"hi\\\\\\\"\"", a -> translate(a, StringEscapeUtils.ESCAPE_JSON)),
                helper("escapeCsv", "text", "escapeCsv(text)", "A CSV field, quoted when it must be",
                        "escapeCsv('a,b')", "\"\\\"a,b\\\"\"", a -> translate(a, StringEscapeUtils.ESCAPE_CSV)),
                helper("escapeShell", "text", "escapeShell(text)", "One POSIX shell word, single-quoted",
                        "escapeShell(\"it's\")", "\"'it'\\\"'\\\"'s'\"", TextHelpers::escapeShell));
    }

    /**
     * {@code text.toUpperCase(Locale.ROOT)}, a piece at a time. The JDK copies its whole result once
     * for every character that becomes several ('ß' becomes "SS"): quadratic time on a text of them.
     * Upper case in the root locale depends on no context, so the pieces give the same text.
     */
    private static String upper(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + 256);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            out.append(text.substring(start, end).toUpperCase(Locale.ROOT));
            start = end;
        }
        return out.toString();
    }

    /**
     * {@code text.toLowerCase(Locale.ROOT)} without the JDK's quadratic copying (see {@link #upper}):
     * in the root locale only 'İ' becomes two characters, "i" and a combining dot, so it is replaced
     * by them first. Both are what lower case gives it, and they keep the context of a final sigma.
     */
    private static String lower(String text) {
        return text.replace("\u0130", "i\u0307").toLowerCase(Locale.ROOT);
    }

    private static long width(Args a, int index) {
        long width = a.whole(index);
        if (width > Bounds.WIDTH) {
            throw a.tooLarge("width", width, Bounds.WIDTH);
        }
        return width;
    }

    private static int pad(Args a) {
        long width = width(a, 1);
        if (a.has(2) && a.text(2).length() != 1) {
            throw a.wrong("char must be one character");
        }
        return (int) width;
    }

    /**
     * Words of a text: split at spaces, '_', '-', '.' and lower-to-upper case changes; lower case.
     * Digits stay with the word before them ("v2" is one word).
     */
    static List<String> words(String text) {
        List<StringBuilder> words = new ArrayList<>();
        for (String part : text.split("[\\s_\\-.]+")) {
            for (String word : StringUtils.splitByCharacterTypeCamelCase(part)) {
                if (word.isBlank()) {
                    continue;
                }
                String lower = lower(word);
                // appending, not concatenating: a text of many digit groups must not cost quadratic time
                if (!words.isEmpty() && digits(lower)) {
                    words.getLast().append(lower);
                } else {
                    words.add(new StringBuilder(lower));
                }
            }
        }
        return words.stream().map(StringBuilder::toString).toList();
    }

    private static boolean digits(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isDigit(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * What {@code WordUtils.wrap(text, width, "\n", true)} gives, in one pass: its loop matches a
     * regex over a window of {@code width} characters per step, and a run of spaces (dropped at a line
     * start one step at a time) made it take text length times width.
     */
    private static String wrap(Args a, String text, int width) {
        BoundedText out = new BoundedText(a);
        int length = text.length();
        int offset = 0;
        while (offset < length) {
            if (text.charAt(offset) == ' ') {
                offset++;
                continue;
            }
            if (length - offset <= width) {
                break;
            }
            // the last space within width + 1 characters; each character is looked at once over the
            // whole text, because the next line starts after the space found here
            int space = -1;
            for (int i = offset + width; i > offset; i--) {
                if (text.charAt(i) == ' ') {
                    space = i;
                    break;
                }
            }
            if (space != -1) {
                out.append(text, offset, space).append('\n');
                offset = space + 1;
            } else {
                out.append(text, offset, offset + width).append('\n');
                offset += width;
            }
        }
        out.append(text, offset, length);
        return out.toString();
    }

    private static String translate(Args a, CharSequenceTranslator translator) {
        BoundedText out = new BoundedText(a);
        try {
            translator.translate(a.text(0), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String escapeShell(Args a) {
        String text = a.text(0);
        long quotes = text.chars().filter(c -> c == '\'').count();
        long length = text.length() + 2 + 4 * quotes;
        if (length > Bounds.TEXT) {
            throw a.tooLarge("result length", length, Bounds.TEXT);
        }
        return "'" + text.replace("'", "'\"'\"'") + "'";
    }
}
