package io.flowhost.script;

/** Where a script's {@code console.log/info/warn/error} lines go. Called on the evaluating thread. */
@FunctionalInterface
public interface ScriptConsole {

    /** Drops every line. */
    ScriptConsole NONE = (level, text) -> {};

    /**
     * @param level {@code info}, {@code warn} or {@code error} ({@code console.log} is {@code info})
     * @param text  the line: the arguments joined by spaces, objects as JSON
     */
    void line(String level, String text);
}
