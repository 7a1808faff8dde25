package io.flowhost.script;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A template split into its parts: literal text, and {@code {{ expression }}} parts, each found with
 * {@link JsSyntax} (so a {@code }}} inside a string, an object literal or a comment does not end
 * it) and compiled into {@link Code} once.
 *
 * @param text   the template as written
 * @param parts  literal and expression parts, in order
 * @param single whether the template is one expression with at most blank text around it (it then
 *               keeps the expression's JSON type)
 * @param allCompiled whether every expression compiled to Java
 */
record Template(String text, List<Part> parts, boolean single, boolean allCompiled) {
    /** Templates are the job author's text: a megabyte is far beyond any real one, and bounds parsing. */
    static final int MAX_CHARS = 1024 * 1024;

    /**
     * One piece of a template: literal text, or an expression with where it starts in the template.
     *
     * @param literal    the text, or {@code null} for an expression
     * @param expression the expression's code, or {@code null} for text
     * @param offset     where the expression's code starts in the template
     * @param line       its 1-based line in the template
     * @param column     its 1-based column in the template
     * @param compiled   the expression compiled to Java, or {@code null} when only the engine evaluates it
     * @param code       the expression made ready for the engine, or {@code null} for text
     */
    record Part(String literal, String expression, int offset, int line, int column, CompiledExpression compiled,
            Code code) {
        boolean isExpression() {
            return expression != null;
        }
    }

    /**
     * Parses a template.
     *
     * @throws TemplateException for an expression that never ends or would leave its {@code {{ }}}
     */
    static Template parse(String text, Set<String> scopeNames, Set<String> helperNames) {
        if (text.length() > MAX_CHARS) {
            throw new TemplateException("the template is " + text.length() + " characters long; the limit is "
                    + MAX_CHARS, text.substring(0, 200), 1, 1, null);
        }
        List<Part> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                if (from < text.length()) {
                    parts.add(new Part(text.substring(from), null, from, 0, 0, null, null));
                }
                break;
            }
            if (open > from) {
                parts.add(new Part(text.substring(from, open), null, from, 0, 0, null, null));
            }
            JsSyntax.Scan scan = JsSyntax.scanExpression(text, open + 2);
            if (scan.problem() != null) {
                int[] at = JsSyntax.position(text, scan.problem().offset());
                throw new TemplateException(scan.problem().message(), text, at[0], at[1], null);
            }
            String expression = text.substring(open + 2, scan.end());
            if (expression.isBlank()) {
                int[] at = JsSyntax.position(text, open);
                throw new TemplateException("empty expression '{{ }}'", text, at[0], at[1], null);
            }
            Set<String> scope = new LinkedHashSet<>();
            Set<String> helpers = new LinkedHashSet<>();
            for (JsSyntax.Name name : scan.names()) {
                if (scopeNames.contains(name.name())) {
                    scope.add(name.name());
                } else if (helperNames.contains(name.name())) {
                    helpers.add(name.name());
                }
            }
            int[] at = JsSyntax.position(text, open + 2);
            parts.add(new Part(null, expression, open + 2, at[0], at[1], CompiledExpression.compile(expression, scopeNames),
                    Code.expression(expression, List.copyOf(scope), List.copyOf(helpers))));
            from = scan.end() + 2;
        }
        long expressions = parts.stream().filter(Part::isExpression).count();
        boolean single = expressions == 1 && parts.stream().allMatch(p -> p.isExpression() || p.literal().isBlank());
        boolean allCompiled = parts.stream().allMatch(p -> !p.isExpression() || p.compiled() != null);
        return new Template(text, List.copyOf(parts), single, allCompiled);
    }

    /** @return the first expression part */
    Part firstExpression() {
        return parts.stream().filter(Part::isExpression).findFirst().orElseThrow();
    }

    /**
     * Maps a place in an expression's code (1-based line and column inside the expression) to the
     * template: the expression's first line starts at the part's column.
     */
    static int[] locate(Part part, int line, int column) {
        return line <= 1 ? new int[] {part.line(), part.column() + column - 1} : new int[] {part.line() + line - 1, column};
    }
}
