package io.flowhost.script;

/**
 * A template or script that failed to parse or to evaluate.
 *
 * <p>{@link #getMessage()} is the reason alone; {@link #line()} and {@link #column()} locate it
 * inside the template text (1-based), and {@link #source()} is the template text, so that callers
 * can quote it and prefix where it was written (job, step, parameter).
 */
public class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    /**
     * @param reason what went wrong, e.g. {@code ReferenceError: nod is not defined}
     * @param source the template or script text
     * @param line   1-based line inside {@code source}
     * @param column 1-based column inside {@code source}
     * @param cause  the underlying exception, or {@code null}
     */
    public TemplateException(String reason, String source, int line, int column, Throwable cause) {
        super(reason, cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** @return the template or script text */
    public String source() {
        return source;
    }

    /** @return the 1-based line inside {@link #source()} */
    public int line() {
        return line;
    }

    /** @return the 1-based column inside {@link #source()} */
    public int column() {
        return column;
    }

    /**
     * @param text the template or script text
     * @return this exception, or a copy that quotes {@code text} when this one quotes nothing
     */
    TemplateException withSource(String text) {
        if (source != null) {
            return this;
        }
        TemplateException copy = new TemplateException(getMessage(), text, line, column, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** @return {@code reason at LINE:COLUMN} */
    public String located() {
        return getMessage() + " at " + line + ":" + column;
    }
}
