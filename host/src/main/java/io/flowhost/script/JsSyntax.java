package io.flowhost.script;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * JavaScript as its tokenizer sees it: strings, template literals, regular expressions, comments
 * and brackets. It finds where a {@code {{ expression }}} ends ({@code }}} inside a string, an
 * object literal or a comment does not end it), tells whether typed input is complete (for the
 * playground), and reports unbalanced brackets in the author's own coordinates before the engine
 * sees the code.
 *
 * <p>It does not parse: the engine remains the judge of syntax, and author code reaches the engine
 * only through the {@code Function} constructor, which parses a function body on its own. This
 * scan is the first line: it keeps a template expression to one expression and gives the errors
 * people make most (an unclosed bracket, a stray {@code )}) a place in the text they typed.
 *
 * <p>Thread-safe: every method is a pure function of its arguments.
 */
public final class JsSyntax {
    /** Keywords after which a {@code /} starts a regular expression rather than a division. */
    private static final Set<String> BEFORE_EXPRESSION = Set.of("return", "typeof", "instanceof", "in", "of", "new",
            "delete", "void", "throw", "case", "do", "else", "yield", "await");

    private JsSyntax() {}

    /**
     * Whether a template is complete: every {@code {{} is closed by a {@code }}} and no expression is
     * left unfinished (an open string, template literal, comment or bracket). Text outside
     * {@code {{ }}} never makes a template incomplete: {@code It's {{ node.name }}} is complete.
     *
     * @param text a template
     * @return {@code false} while more input could finish it; {@code true} when it is complete or
     *         wrong in a way more input cannot fix
     */
    public static boolean templateComplete(String text) {
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                return true;
            }
            Scan scan = scanExpression(text, open + 2);
            if (scan.incomplete()) {
                return false;
            }
            if (scan.problem() != null) {
                return true;
            }
            from = scan.end() + 2;
        }
    }

    /**
     * Whether a script body is complete: no string, template literal, comment or bracket is left open.
     *
     * @param body a function body
     * @return {@code false} while more input could finish it
     */
    public static boolean scriptComplete(String body) {
        return !scanBody(body).incomplete();
    }

    /**
     * A problem the scan found.
     *
     * @param message what is wrong, in the author's terms
     * @param offset  where, as an index into the scanned text
     */
    record Problem(String message, int offset) {}

    /**
     * A name the code uses: an identifier that is not a property ({@code .name} or {@code ?.name}).
     *
     * @param name   the identifier
     * @param offset where it starts
     */
    record Name(String name, int offset) {}

    /**
     * What a scan found.
     *
     * @param end        where the scanned code ends: the index of the closing {@code }}} of an
     *                   expression, or the text's length
     * @param problem    the first problem, or {@code null}
     * @param incomplete whether the text ended inside something more input could close
     * @param names      the free names the code uses, in order (with repeats)
     * @param awaits     whether the code uses {@code await} outside strings and comments
     */
    record Scan(int end, Problem problem, boolean incomplete, List<Name> names, boolean awaits) {}

    /**
     * Scans a template expression that starts at {@code start} (just after its {@code {{}) up to
     * the {@code }}} that closes it.
     */
    static Scan scanExpression(String text, int start) {
        return new Scanner(text, start, true).run();
    }

    /** Scans a whole function body. */
    static Scan scanBody(String text) {
        return new Scanner(text, 0, false).run();
    }

    /** @return {line, column}, both 1-based, of an offset in {@code text} */
    static int[] position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    private static final class Scanner {
        private final String text;
        private final int start;
        private final boolean expression;
        /** Open brackets: '(', '[', '{', and '$' for a template literal's {@code ${}. */
        private final Deque<Character> open = new ArrayDeque<>();
        private final Deque<Integer> openedAt = new ArrayDeque<>();
        private final List<Name> names = new ArrayList<>();
        private boolean awaits;
        private int pos;
        /** Whether a '/' here starts a regular expression (the previous token ends no operand). */
        private boolean regexAllowed = true;
        /** Whether the previous token is a '.' or '?.', so an identifier here is a property. */
        private boolean afterDot;
        /** Whether only whitespace and comments precede {@code pos} on its line (for '-->'). */
        private boolean lineStart = true;

        Scanner(String text, int start, boolean expression) {
            this.text = text;
            this.start = start;
            this.expression = expression;
            this.pos = start;
        }

        Scan run() {
            int length = text.length();
            while (pos < length) {
                char c = text.charAt(pos);
                if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                    pos++;
                    lineStart = true;
                    continue;
                }
                if (Character.isWhitespace(c) || c == '\u00a0' || c == '\ufeff') {
                    pos++;
                    continue;
                }
                if (expression && open.isEmpty() && c == '}' && pos + 1 < length && text.charAt(pos + 1) == '}') {
                    return scan(pos, null, false);
                }
                Scan stop = token(c);
                if (stop != null) {
                    return stop;
                }
            }
            if (!open.isEmpty()) {
                char bracket = open.peek();
                int at = openedAt.peek();
                String what = bracket == '$' ? "'${' of a template literal" : "'" + bracket + "'";
                return scan(length, new Problem(what + " is never closed", at), true);
            }
            if (expression) {
                return scan(length, new Problem("'{{' is never closed with '}}'", start - 2), true);
            }
            return scan(length, null, false);
        }

        private Scan scan(int end, Problem problem, boolean incomplete) {
            return new Scan(end, problem, incomplete, List.copyOf(names), awaits);
        }

        /** Reads one token at {@code pos}; returns a scan result when the scan must stop. */
        private Scan token(char c) {
            int length = text.length();
            char next = pos + 1 < length ? text.charAt(pos + 1) : 0;
            if (c == '/' && next == '/') {
                skipLine();
                return null;
            }
            if (c == '/' && next == '*') {
                int close = text.indexOf("*/", pos + 2);
                if (close < 0) {
                    return scan(length, new Problem("a '/*' comment is never closed", pos), true);
                }
                pos = close + 2;
                return null;
            }
            if (c == '<' && text.startsWith("<!--", pos)) {
                skipLine(); // an HTML-like comment, as the engine reads it outside modules
                return null;
            }
            if (c == '-' && lineStart && text.startsWith("-->", pos)) {
                skipLine();
                return null;
            }
            lineStart = false;
            if (c == '\'' || c == '"') {
                return string(c);
            }
            if (c == '`') {
                pos++;
                return templateLiteral();
            }
            if (c == '/' && regexAllowed) {
                return regex();
            }
            if (isIdentifierStart(c)) {
                identifier();
                return null;
            }
            if (c >= '0' && c <= '9' || c == '.' && next >= '0' && next <= '9') {
                number();
                return null;
            }
            return punctuator(c, next);
        }

        private void skipLine() {
            while (pos < text.length() && !isLineTerminator(text.charAt(pos))) {
                pos++;
            }
        }

        private Scan string(char quote) {
            int opened = pos;
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\') {
                    if (pos + 1 >= text.length()) {
                        // a backslash at the end continues the string on the next line
                        return scan(text.length(), new Problem("a string is never closed", opened), true);
                    }
                    pos += text.startsWith("\r\n", pos + 1) ? 3 : 2;
                    continue;
                }
                if (c == quote) {
                    pos++;
                    operand();
                    return null;
                }
                if (c == '\n' || c == '\r') {
                    return scan(pos, new Problem("a string is never closed on its line", opened), false);
                }
                pos++;
            }
            // a quoted string cannot go on to the next line: more input would not close it
            return scan(text.length(), new Problem("a string is never closed", opened), false);
        }

        /** Reads a template literal from just after its '`' to its end or into a '${'. */
        private Scan templateLiteral() {
            int opened = pos - 1;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                    continue;
                }
                if (c == '`') {
                    pos++;
                    operand();
                    return null;
                }
                if (c == '$' && pos + 1 < text.length() && text.charAt(pos + 1) == '{') {
                    open.push('$');
                    openedAt.push(pos);
                    pos += 2;
                    regexAllowed = true;
                    afterDot = false;
                    return null;
                }
                pos++;
            }
            return scan(text.length(), new Problem("a template literal is never closed", opened), true);
        }

        private Scan regex() {
            int opened = pos;
            pos++;
            boolean inClass = false;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (isLineTerminator(c)) {
                    break;
                }
                if (c == '\\') {
                    pos += 2;
                    continue;
                }
                if (c == '[') {
                    inClass = true;
                } else if (c == ']') {
                    inClass = false;
                } else if (c == '/' && !inClass) {
                    pos++;
                    while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
                        pos++; // flags
                    }
                    operand();
                    return null;
                }
                pos++;
            }
            return scan(Math.min(pos, text.length()), new Problem("a regular expression is never closed", opened), false);
        }

        private void identifier() {
            int begin = pos;
            while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(begin, pos);
            boolean property = afterDot;
            afterDot = false;
            if (!property) {
                names.add(new Name(word, begin));
                if (word.equals("await")) {
                    awaits = true;
                }
            }
            regexAllowed = !property && BEFORE_EXPRESSION.contains(word);
        }

        private void number() {
            while (pos < text.length() && (isIdentifierPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            operand();
        }

        private void operand() {
            regexAllowed = false;
            afterDot = false;
        }

        private Scan punctuator(char c, char next) {
            int at = pos;
            pos++;
            afterDot = false;
            regexAllowed = true;
            switch (c) {
                case '(', '[', '{' -> {
                    open.push(c);
                    openedAt.push(at);
                }
                case ')', ']', '}' -> {
                    char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (open.isEmpty()) {
                        String why = expression ? "a template holds one expression" : "it closes nothing the code opened";
                        return scan(at, new Problem("unexpected '" + c + "': " + why, at), false);
                    }
                    char bracket = open.pop();
                    int openedIndex = openedAt.pop();
                    if (bracket == '$' && c == '}') {
                        return templateLiteral(); // back inside the template literal after '${ ... }'
                    }
                    if (bracket != expected && expression && c == '}' && pos < text.length() && text.charAt(pos) == '}'
                            && bracket != '$') {
                        // the '}}' the author meant to end the expression, with a bracket left open
                        return scan(at, new Problem("'" + bracket + "' is never closed before '}}'", openedIndex), false);
                    }
                    if (bracket != expected) {
                        String opened = bracket == '$' ? "'${'" : "'" + bracket + "'";
                        int[] where = position(text, openedIndex);
                        return scan(at, new Problem("unexpected '" + c + "': " + opened + " at " + where[0] + ":"
                                + where[1] + " is still open", at), false);
                    }
                    // in an expression nothing after a closing bracket can start a regular expression; in a
                    // body a '}' usually ends a block, after which one can (the scan is advisory there)
                    regexAllowed = c == '}' && !expression;
                }
                case '.' -> {
                    if (next == '.' && pos + 1 < text.length() && text.charAt(pos + 1) == '.') {
                        pos += 2; // spread: the name after it is a variable
                    } else {
                        afterDot = true;
                    }
                }
                case '?' -> {
                    if (next == '.' && !(pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
                        pos++;
                        afterDot = true;
                    }
                }
                case ';' -> {
                    if (expression && open.isEmpty()) {
                        return scan(at, new Problem("unexpected ';': a template holds one expression", at), false);
                    }
                }
                case '+', '-' -> {
                    if (next == c) {
                        pos++;
                        regexAllowed = false; // most often postfix: 'i++ / 2'
                    }
                }
                default -> {
                    // other operators: a '/' after them starts a regular expression
                }
            }
            return null;
        }

        private static boolean isLineTerminator(char c) {
            return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
        }

        private static boolean isIdentifierStart(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c == '\\' || c == '#'
                    || c > 0x7f && Character.isUnicodeIdentifierStart(c);
        }

        private static boolean isIdentifierPart(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                    || c == '\\' || c > 0x7f && (Character.isUnicodeIdentifierPart(c) || Character.isSurrogate(c));
        }
    }
}
