package io.flowhost.plugin.core;

import io.flowhost.api.Action;
import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.time.Duration;
import org.pf4j.Extension;

/** {@code core.sleep}: waits, giving up as soon as the step is cancelled. */
@Extension
public final class SleepAction implements Action {
    /** How long a cancelled sleep may go on at most before it notices. */
    static final Duration CHECK_EVERY = Duration.ofMillis(50);

    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.sleep")
                .label("Sleep")
                .summary("Waits for a while and passes the input on")
                .description("""
                        Waits for 'duration', then passes the message on unchanged. The wait ends early, \
                        failing the step as cancelled, when the step or its job times out or the task is \
                        cancelled (checked at least every 50 ms).""")
                .param(ParamSpec.duration("duration", "How long to wait, e.g. 500ms, 10s, 1m").asRequired())
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        long deadline = System.nanoTime() + context.params().duration("duration").toNanos();
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            context.checkCancelled();
            try {
                Thread.sleep(Duration.ofNanos(Math.min(left, CHECK_EVERY.toNanos())));
            } catch (InterruptedException e) {
                // The host interrupts the thread when it cancels the step; keep the flag for it to see.
                Thread.currentThread().interrupt();
                context.checkCancelled();
                throw new ActionCancelledException(context.stepPath());
            }
        }
        return StepResult.ok();
    }
}
