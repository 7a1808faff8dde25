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

    /**
     * Any failure of an evaluation, as one line (with the caret of a located one): the reason, as a
     * job step's log would give it.
     */
    static String describe(RuntimeException e) {
        return e instanceof TemplateException located ? format(located) : "error: " + reason(e);
    }

    /** The reason alone: the message of a failure we raise, the type and message of any other. */
    static String reason(RuntimeException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getName();
        }
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UnsupportedOperationException ? message : e.getClass().getSimpleName() + ": " + message;
    }
}
