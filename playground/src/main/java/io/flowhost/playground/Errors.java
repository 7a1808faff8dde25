package io.flowhost.playground;

import io.flowhost.script.TemplateException;

/** Prints evaluation errors as the playground and {@code eval} show them: a line, the source line, a caret. */
final class Errors {
    private Errors() {}

    static String format(TemplateException e) {
        StringBuilder out = new StringBuilder("error: ").append(e.located());
        String[] lines = e.source() == null ? new String[0] : e.source().split("\n", -1);
        if (e.line() >= 1 && e.line() <= lines.length) {
            String line = lines[e.line() - 1];
            out.append('\n').append(line).append('\n')
                    .append(" ".repeat(Math.max(0, Math.min(e.column() - 1, line.length())))).append('^');
        }
        return out.toString();
    }
}
