package io.flowhost.plugin.core;

import io.flowhost.api.Action;
import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Durations;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.time.Duration;
import org.pf4j.Extension;

/** {@code core.sleep}: waits, and stops waiting as soon as the step is cancelled. */
@Extension
public final class SleepAction implements Action {
    private static final long TICK_MILLIS = 50;

    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.sleep")
                .label("Wait")
                .summary("Waits for a duration, then passes the message on")
                .param(ParamSpec.duration("duration", "How long to wait, e.g. 500ms, 2s, 1m").asRequired())
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws InterruptedException {
        Duration duration = context.params().duration("duration");
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toMillis(); left > 0; left = (end - System.nanoTime()) / 1_000_000) {
            context.checkCancelled();
            Thread.sleep(Math.min(TICK_MILLIS, left));
        }
        if (context.isCancelled()) {
            throw new ActionCancelledException(context.stepPath());
        }
        return StepResult.ok("slept " + Durations.format(duration));
    }
}
