package io.flowhost.api;

/**
 * Writes lines into the task log of the running task. Each line is stamped by the host with the
 * time and the path of the step that wrote it. Thread-safe.
 */
public interface TaskLog {

    /** @param text a line of information */
    void info(String text);

    /** @param text a warning */
    void warn(String text);

    /** @param text an error that does not by itself fail the step */
    void error(String text);
}
