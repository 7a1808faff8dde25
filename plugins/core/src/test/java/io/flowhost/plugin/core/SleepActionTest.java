package io.flowhost.plugin.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.StepResult;
import io.flowhost.testkit.ActionTester;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SleepActionTest {
    private final SleepAction sleep = new SleepAction();

    @Test
    void sleepsForTheDuration() throws Exception {
        long start = System.nanoTime();

        StepResult result = ActionTester.of(sleep).run("{\"duration\": \"120ms\"}").result();

        assertThat(result).isEqualTo(StepResult.ok());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    }

    @Test
    void stopsSoonAfterTheStepIsCancelled() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        ActionTester tester = ActionTester.of(sleep).withStepPath("each[0]/step").withCancellation(cancel::get);
        CompletableFuture<StepResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return tester.run("{\"duration\": \"1m\"}").result();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        long cancelledAt = System.nanoTime();

        cancel.set(true);

        assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ActionCancelledException.class)
                .hasMessage("Step 'each[0]/step' was cancelled");
        // 50 ms between checks, plus slack for a busy machine.
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void interruptEndsTheSleepAndKeepsTheInterruptFlag() throws Exception {
        ActionTester tester = ActionTester.of(sleep);
        Throwable[] thrown = new Throwable[1];
        boolean[] stillInterrupted = new boolean[1];
        Thread worker = new Thread(() -> {
            try {
                tester.run("{\"duration\": \"1m\"}");
            } catch (Throwable e) {
                thrown[0] = e;
                stillInterrupted[0] = Thread.currentThread().isInterrupted();
            }
        });
        worker.start();
        Thread.sleep(100);

        worker.interrupt();
        worker.join(5_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown[0]).isInstanceOf(ActionCancelledException.class);
        assertThat(stillInterrupted[0]).isTrue();
    }
}
