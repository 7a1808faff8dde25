package io.flowhost.trigger;

import io.flowhost.api.Message;
import io.flowhost.jobs.Trigger;

/** Where triggers send what fires: the server, which makes a task of it. Thread-safe. */
public interface Launcher {

    /**
     * A trigger fired.
     *
     * @param jobId   the job to run
     * @param trigger the trigger that fired (its {@code params} apply)
     * @param input   the task's first message; its {@code event} says what happened
     */
    void launch(String jobId, Trigger trigger, Message input);
}
