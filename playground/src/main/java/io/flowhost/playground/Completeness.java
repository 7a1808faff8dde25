package io.flowhost.playground;

/**
 * Whether typed input is finished, so that the REPL knows to run it or to ask for another line.
 * Stands in for {@code io.flowhost.script.JsSyntax} (being written on main) with the same two
 * methods, until it lands.
 */
final class Completeness {
    private Completeness() {}

    /**
     * @return false while a {@code {{} is open, or an expression in it is unfinished (an open
     *         string, template literal, comment or bracket); text outside {@code {{ }}} never is
     */
    static boolean templateComplete(String text) {
        int i = 0;
        while (true) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                return true;
            }
            int end = new Scanner(text, open + 2, true).run();
            if (end < 0) {
                return false;
            }
            i = end + 2;
        }
    }

    /** @return false while a string, template literal, comment or bracket is still open */
    static boolean scriptComplete(String body) {
        return new Scanner(body, 0, false).run() == body.length();
    }

    /** A JavaScript scanner that knows only what can stay open: strings, template literals, comments, brackets. */
    private static final class Scanner {
        private final String text;
        private final boolean inTemplate;
        private int i;
        private int depth;

        Scanner(String text, int from, boolean inTemplate) {
            this.text = text;
            this.i = from;
            this.inTemplate = inTemplate;
        }

        /** @return where the expression's {@code }}} starts (in a template), or the end of the text when all is closed; -1 when something is open */
        int run() {
            while (i < text.length()) {
                char c = text.charAt(i);
                if (inTemplate && depth == 0 && text.startsWith("}}", i)) {
                    return i;
                }
                if (c == '\'' || c == '"') {
                    if (!string(c)) {
                        return -1;
                    }
                } else if (c == '`') {
                    if (!templateLiteral()) {
                        return -1;
                    }
                } else if (text.startsWith("//", i)) {
                    int newline = text.indexOf('\n', i);
                    if (newline < 0) {
                        return inTemplate ? -1 : text.length();
                    }
                    i = newline + 1;
                } else if (text.startsWith("/*", i)) {
                    int close = text.indexOf("*/", i + 2);
                    if (close < 0) {
                        return -1;
                    }
                    i = close + 2;
                } else {
                    if (c == '(' || c == '[' || c == '{') {
                        depth++;
                    } else if (c == ')' || c == ']' || c == '}') {
                        depth--;
                    }
                    i++;
                }
            }
            return inTemplate || depth > 0 ? -1 : text.length();
        }

        private boolean string(char quote) {
            for (i++; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    i++;
                    return true;
                } else if (c == '\n') {
                    return false;
                }
            }
            return false;
        }

        private boolean templateLiteral() {
            for (i++; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '`') {
                    i++;
                    return true;
                } else if (text.startsWith("${", i)) {
                    Scanner inner = new Scanner(text, i + 2, false);
                    inner.depth = 1;
                    while (inner.i < text.length() && inner.depth > 0) {
                        int before = inner.i;
                        char d = text.charAt(inner.i);
                        if (d == '}' && inner.depth == 1) {
                            inner.depth = 0;
                            break;
                        }
                        inner.step();
                        if (inner.i == before) {
                            return false;
                        }
                    }
                    if (inner.depth != 0) {
                        return false;
                    }
                    i = inner.i;
                }
            }
            return false;
        }

        /** One token of a {@code ${}} part: reuses {@link #run()}'s rules for a single character or string. */
        private void step() {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                if (!string(c)) {
                    i = text.length();
                }
            } else if (c == '`') {
                if (!templateLiteral()) {
                    i = text.length();
                    depth = -1;
                }
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                }
                i++;
            }
        }
    }
}
