package io.flowhost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowhost.api.Message;
import io.flowhost.api.Output;
import io.flowhost.store.StepRecord;
import io.flowhost.store.StepStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What {@code flowhost run} prints of a fan-out: its line with counts, item lines only when they fail or with -v. */
class ProgressTest {
    private final StringWriter text = new StringWriter();

    private static StepRecord step(String path, StepStatus status, String error) {
        Instant now = Instant.now();
        Output output = status == StepStatus.SUCCEEDED ? new Output(path, true, "ok", null, null, now) : null;
        return new StepRecord(path, path.contains("/") ? "core.noop" : null, status, Message.empty(), output, error,
                now, now, now);
    }

    private void fanOut(Progress progress, int items) {
        progress.stepEnded(step("first", StepStatus.SUCCEEDED, null));
        progress.fanOutStarted("each", items);
        for (int i = 0; i < items; i++) {
            progress.stepEnded(i == 2 ? step("each[2]/work", StepStatus.FAILED, "no such file")
                    : step("each[" + i + "]/work", StepStatus.SUCCEEDED, null));
            progress.fanOutItemEnded("each", i);
        }
        progress.stepEnded(step("each", StepStatus.SUCCEEDED, null));
        progress.stepEnded(step("after[0]/x", StepStatus.SUCCEEDED, null)); // parallel branches are not a fan-out
    }

    @Test
    void aFanOutIsOneLineWithItsCountsAndItsFailedItems() {
        fanOut(new Progress(new PrintWriter(text), false, false), 5);

        assertThat(text.toString().lines().toList()).satisfiesExactly(
                line -> assertThat(line).startsWith("  succeeded first"),
                line -> assertThat(line).startsWith("  failed    each[2]/work (core.noop)").endsWith(": no such file"),
                line -> assertThat(line).startsWith("  succeeded each ").contains("(5 items, ").endsWith("/s)"),
                line -> assertThat(line).startsWith("  succeeded after[0]/x"));
        assertThat(text.toString()).doesNotContain("\r", "\033");
    }

    @Test
    void verboseListsEveryItem() {
        fanOut(new Progress(new PrintWriter(text), true, true), 5);

        assertThat(text.toString()).contains("each[0]/work", "each[4]/work").doesNotContain("\r");
    }

    @Test
    void aTerminalShowsALiveLineThatOtherLinesReplace() {
        fanOut(new Progress(new PrintWriter(text), false, true), 3);

        String shown = text.toString();
        assertThat(shown).contains("\r\033[K  running   each (0 of 3 items)");
        // the failed item's line takes the live line's place, which is drawn again under it
        assertThat(shown).contains("\r\033[K  failed    each[2]/work");
        assertThat(shown).containsPattern("no such file\n\r\033\\[K  running   each \\(\\d of 3 items");
        assertThat(shown.lines().toList().getLast()).startsWith("  succeeded after[0]/x"); // no live line left
        assertThat(shown.lines().filter(l -> l.contains("succeeded each ")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("(3 items"));
    }
}
