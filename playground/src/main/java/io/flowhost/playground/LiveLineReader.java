package io.flowhost.playground;

import java.util.HashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;

/**
 * JLine's line reader with one line of its own under the input: the live result. It tells a
 * listener when the text being typed changes, and shows what it is given there, redrawn by JLine
 * with the rest of the line, so history, completion and Ctrl+C work as they always do.
 */
final class LiveLineReader extends LineReaderImpl {
    /** Told, on the reading thread, what the input is now, each time it changes. */
    interface Listener {
        void edited(String input);
    }

    private static final String SHOW = "flowhost-live-show";
    private final Listener listener;
    private final Supplier<AttributedString> below = this::belowText;
    private volatile AttributedString shown;
    private volatile Offer offered;
    private String seen = "";

    /** Text to show, and whether it is still about the input being typed. */
    private record Offer(AttributedString text, BooleanSupplier current) {}

    LiveLineReader(Terminal terminal, Listener listener) {
        super(terminal, "flowhost", new HashMap<>());
        this.listener = listener;
        // runs under the reader's lock, so an input accepted meanwhile is seen as such
        widgets.put(SHOW, () -> {
            Offer offer = offered;
            if (offer != null && offer.current().getAsBoolean()) {
                shown = offer.text();
                redisplay();
            }
            return true;
        });
    }

    private AttributedString belowText() {
        AttributedString text = shown;
        return text == null ? AttributedString.EMPTY : text;
    }

    /** Shows nothing under the input line from the next redraw on; for the reading thread, inside a redraw. */
    void clearBelow() {
        shown = null;
    }

    /**
     * Shows {@code text} under the input line if {@code current} still says so when it is drawn.
     * Safe from any thread; does nothing when no line is being read.
     */
    void show(AttributedString text, BooleanSupplier current) {
        offered = new Offer(text, current);
        try {
            callWidget(SHOW);
        } catch (IllegalStateException e) {
            // the line was accepted meanwhile: nothing to show it under
        }
    }

    @Override
    protected void redisplay(boolean flush) {
        lock.lock();
        try {
            if (reading) {
                String input = buf.toString();
                if (!input.equals(seen)) {
                    seen = input;
                    listener.edited(input);
                }
                // the completion list and history search use the same place; they come first
                if (post == null || post == below) {
                    post = shown == null ? null : below;
                }
            }
            super.redisplay(flush);
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void doCleanup(boolean newline) {
        seen = "";
        listener.edited(""); // what is still being evaluated is about an input that is gone
        shown = null;
        super.doCleanup(newline);
    }
}
