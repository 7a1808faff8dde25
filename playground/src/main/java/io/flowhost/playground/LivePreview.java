package io.flowhost.playground;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The live result: what the input being typed evaluates to, shown under it once typing pauses
 * for {@link #DEBOUNCE_MILLIS}, as Cells' web playground does. Evaluations run on one background
 * thread against a snapshot of the session, keep nothing, stop after a short timeout, and are
 * cancelled as soon as the input changes again.
 */
final class LivePreview implements LiveLineReader.Listener, AutoCloseable {
    static final long DEBOUNCE_MILLIS = 150;
    private final Session session;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flowhost-live");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean enabled;
    private LiveLineReader reader;
    private ScheduledFuture<?> pending;

    LivePreview(Session session) {
        this.session = session;
    }

    void showOn(LiveLineReader reader) {
        this.reader = reader;
    }

    void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void edited(String input) {
        long current = generation.incrementAndGet();
        if (pending != null) {
            pending.cancel(false);
        }
        if (!enabled || input.isBlank() || input.strip().startsWith(":")) {
            reader.clearBelow(); // called inside the redraw that follows the change
            return;
        }
        Session.Snapshot snapshot = session.snapshot();
        pending = worker.schedule(() -> evaluate(current, input, snapshot), DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void evaluate(long current, String input, Session.Snapshot snapshot) {
        AttributedString line;
        try {
            Session.Result result = session.preview(snapshot, input, () -> generation.get() != current);
            line = new AttributedString("= " + oneLine(Display.forPeople(result.value())) + "  : " + result.type(),
                    AttributedStyle.DEFAULT.faint());
        } catch (RuntimeException e) {
            line = new AttributedString(oneLine(Errors.describe(e)), AttributedStyle.DEFAULT.foreground(AttributedStyle.RED));
        }
        reader.show(line, () -> generation.get() == current);
    }

    /** The first line of a result, cut to the terminal's width: the live line is one line. */
    private String oneLine(String text) {
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline) + " ...";
        int width = Math.max(20, reader.getTerminal().getWidth() - 1);
        return first.length() > width ? first.substring(0, width - 3) + "..." : first;
    }

    @Override
    public void close() {
        generation.incrementAndGet();
        worker.shutdownNow();
    }
}
