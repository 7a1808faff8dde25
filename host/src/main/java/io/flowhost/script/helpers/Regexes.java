package io.flowhost.script.helpers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Job authors' regexes, run by java.util.regex in host code. A backtracking regex can take
 * exponential time, so the matcher reads its text through a {@link Deadline} that fails once
 * {@link Bounds#REGEX_MILLIS} have passed, and the replacement is expanded here, under the
 * result bound, instead of by {@link Matcher#appendReplacement}, which would copy a group once per
 * {@code $1} without any limit.
 */
final class Regexes {
    private Regexes() {}

    static Object replaceAll(Args a) {
        String text = a.text(0);
        Pattern pattern = compile(a, a.text(1, Bounds.REGEX));
        String replacementText = a.text(2);
        // read at the first match, as Matcher does: a text without matches comes back whatever the replacement
        List<Object> replacement = null;
        Deadline input = new Deadline(text, a);
        Matcher matcher = pattern.matcher(input);
        BoundedText out = new BoundedText(a);
        int last = 0;
        try {
            while (matcher.find()) {
                if (replacement == null) {
                    replacement = replacement(a, pattern, replacementText);
                }
                out.append(text, last, matcher.start());
                for (Object part : replacement) {
                    if (part instanceof String literal) {
                        out.append(literal);
                    } else {
                        int group = (Integer) part;
                        if (matcher.start(group) >= 0) {
                            out.append(text, matcher.start(group), matcher.end(group));
                        }
                    }
                    // a replacement of many empty groups adds nothing but still takes time
                    input.check();
                }
                last = matcher.end();
            }
        } catch (StackOverflowError e) {
            // java.util.regex recurses once per repetition of some groups, e.g. (a|b)* over a long text
            throw a.wrong("the regex needs too deep a recursion for a text of " + text.length() + " characters");
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    static Pattern compile(Args a, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw a.wrong("invalid regex: " + e.getDescription());
        } catch (StackOverflowError e) {
            throw a.wrong("invalid regex: nested too deeply");
        }
    }

    /**
     * A replacement as literal texts and group numbers, read by the rules of
     * {@link Matcher#appendReplacement}: {@code $n}, {@code ${name}}, and a backslash before a
     * character that stands for itself.
     */
    static List<Object> replacement(Args a, Pattern pattern, String replacement) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int groups = pattern.matcher("").groupCount();
        int i = 0;
        while (i < replacement.length()) {
            char c = replacement.charAt(i++);
            if (c == '\\') {
                if (i == replacement.length()) {
                    throw a.wrong("invalid replacement: '\\' at its end");
                }
                literal.append(replacement.charAt(i++));
                continue;
            }
            if (c != '$') {
                literal.append(c);
                continue;
            }
            int group;
            if (i < replacement.length() && replacement.charAt(i) == '{') {
                int close = replacement.indexOf('}', i);
                if (close < 0) {
                    throw a.wrong("invalid replacement: '${' without '}'");
                }
                String name = replacement.substring(i + 1, close);
                Integer named = pattern.namedGroups().get(name);
                if (named == null) {
                    throw a.wrong("invalid replacement: no group named " + Args.quote(name));
                }
                group = named;
                i = close + 1;
            } else {
                if (i == replacement.length() || !isDigit(replacement.charAt(i))) {
                    throw a.wrong("invalid replacement: '$' must be followed by a group number or {name}");
                }
                group = replacement.charAt(i++) - '0';
                // as appendReplacement: further digits belong to the number while it names a group
                while (i < replacement.length() && isDigit(replacement.charAt(i))
                        && group * 10L + (replacement.charAt(i) - '0') <= groups) {
                    group = group * 10 + (replacement.charAt(i++) - '0');
                }
                if (group > groups) {
                    throw a.wrong("invalid replacement: no group " + group);
                }
            }
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(group);
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return parts;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A text whose reading fails once its time is up: java.util.regex reads its input only through
     * {@link CharSequence#charAt}, so this stops catastrophic backtracking from outside the engine.
     * The clock is read every 1024 characters, which keeps its cost out of honest matching.
     */
    static final class Deadline implements CharSequence {
        private final String text;
        private final long deadline;
        private final Args args;
        private int reads;

        Deadline(String text, Args args) {
            this(text, System.nanoTime() + Bounds.REGEX_MILLIS * 1_000_000, args);
        }

        private Deadline(String text, long deadline, Args args) {
            this.text = text;
            this.deadline = deadline;
            this.args = args;
        }

        void check() {
            if (System.nanoTime() - deadline > 0) {
                throw args.wrong("the regex ran over the limit of " + Bounds.REGEX_MILLIS + " ms");
            }
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 1023) == 0) {
                check();
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
