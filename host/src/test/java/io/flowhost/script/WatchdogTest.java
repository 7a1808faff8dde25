package io.flowhost.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    /**
     * Closing a context waits while its thread is in host code. One evaluation stuck in a slow host
     * call must not keep the watchdog from stopping another one on time.
     */
    @Test
    void aStopThatWaitsForHostCodeDelaysNoOtherStop() throws Exception {
        Limits quick = Limits.defaults().withStatements(Long.MAX_VALUE).withTimeout(Duration.ofMillis(100));
        Sandbox.Realm stuck = Sandbox.newRealm(quick, false);
        Sandbox.Realm spinning = Sandbox.newRealm(quick.withTimeout(Duration.ofMillis(400)), false);
        CountDownLatch inHostCode = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> {
            Value call = stuck.context.eval("js", "(function(slow) { slow(); while (true) {} })");
            Watchdog.Guard guard = Watchdog.watch(stuck.context, quick, () -> false);
            try {
                call.execute((ProxyExecutable) args -> {
                    inHostCode.countDown();
                    sleep(3_000);
                    return null;
                });
            } catch (PolyglotException | IllegalStateException e) {
                // stopped, as expected
            } finally {
                guard.finish();
            }
        });
        inHostCode.await();
        AtomicLong stoppedAfter = new AtomicLong();
        AtomicReference<Watchdog.Reason> reason = new AtomicReference<>();
        Thread second = Thread.ofPlatform().start(() -> {
            Value loop = spinning.context.eval("js", "(function() { while (true) {} })");
            long start = System.nanoTime();
            Watchdog.Guard guard = Watchdog.watch(spinning.context, quick.withTimeout(Duration.ofMillis(400)), () -> false);
            try {
                loop.execute();
            } catch (PolyglotException e) {
                stoppedAfter.set((System.nanoTime() - start) / 1_000_000);
                reason.set(guard.reason());
            } finally {
                guard.finish();
            }
        });
        second.join(10_000);
        first.join(10_000);

        assertThat(reason.get()).isEqualTo(Watchdog.Reason.TIMEOUT);
        // 400 ms of limit; the stuck close of the first evaluation takes 3 s
        assertThat(stoppedAfter.get()).isBetween(400L, 2_500L);
    }

    @Test
    void anEvaluationThatFinishedIsNeverStoppedAfterwards() throws Exception {
        Limits soon = Limits.defaults().withTimeout(Duration.ofMillis(200));
        Sandbox.Realm realm = Sandbox.newRealm(soon, false);
        try {
            Watchdog.Guard guard = Watchdog.watch(realm.context, soon, () -> false);
            // the evaluation ends well before its deadline; the watchdog polls on past it
            // (a deadline already passed at the start made this a race with the next poll, lost under load)
            assertThat(guard.finish()).isTrue();
            Thread.sleep(500);

            assertThat(guard.reason()).isNull();
            assertThat(realm.context.eval("js", "'still open'").asString()).isEqualTo("still open");
        } finally {
            Sandbox.close(realm);
        }
    }

    @Test
    void anEvaluationThatWasStoppedCannotFinishAsIfItHadNot() throws Exception {
        Limits expired = Limits.defaults().withTimeout(Duration.ofNanos(1));
        Sandbox.Realm realm = Sandbox.newRealm(expired, false);
        Watchdog.Guard guard = Watchdog.watch(realm.context, expired, () -> false);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (guard.reason() == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(guard.reason()).isEqualTo(Watchdog.Reason.TIMEOUT);
        assertThat(guard.finish()).isFalse();
    }

    /**
     * With 20 runs at once, one-line scripts timed out among the first items of each run: the clock
     * counted the sandbox's own work. It starts at the first call of the author's code now.
     */
    @Test
    void theClockStartsWhenTheAuthorsCodeDoes() {
        Limits limits = Limits.defaults().withTimeout(Duration.ofMillis(250));
        Code code = Code.expression(" 1 + 1 ", java.util.List.of(), java.util.List.of());
        String result = Sandbox.run(null, limits, () -> false, ScriptConsole.NONE, "{{ 1 + 1 }}", evaluation -> {
            Value function = evaluation.function(code, (line, column) -> new int[] {line, column});
            sleep(600); // stands for making, locking down and compiling on a machine busy with other runs
            return evaluation.expressionJson(function, null, null);
        });

        assertThat(result).isEqualTo("2");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
