package io.flowhost.cli;

import io.flowhost.api.Message;
import io.flowhost.run.TaskListener;
import io.flowhost.script.helpers.Secrets;
import io.flowhost.store.LogLine;
import io.flowhost.store.StepRecord;
import io.flowhost.store.StepStatus;
import io.flowhost.store.TaskLines;
import io.flowhost.store.TaskRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prints a task's progress and log, one line per event, for a person watching stderr. Steps that
 * never started are counted in the task's last line rather than listed: a stopped fan-out may have
 * thousands. Remembers where a task stopped for {@code --until}.
 *
 * <p>The steps of a fan-out's items are not listed one by one (a fan-out over 100,000 items would
 * print 100,000 lines), unless they fail or {@code --verbose} asks for them: the task log has them
 * all ({@code flowhost logs}). A fan-out's own line counts its items and their rate; on a terminal a
 * live line shows its items done while it runs, redrawn at most {@value #REDRAW_MILLIS} ms apart.
 */
final class Progress implements TaskListener {
    private final PrintWriter err;
    private final boolean verbose;
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    /** Whether stderr is a terminal that can redraw a line: only then is there a live line. */
    private final boolean live;
    /** The fan-outs running now, by path, in the order they started. */
    private final Map<String, FanOut> fanOuts = new LinkedHashMap<>();
    private long drawnAt;
    private boolean drawn;

    static final long REDRAW_MILLIS = 100;

    /** A running fan-out's counts. */
    private static final class FanOut {
        final int items;
        final long startedAt = System.nanoTime();
        int done;

        FanOut(int items) {
            this.items = items;
        }
    }

    /** Where the task stopped, as its request asked, and the message that step would have received. */
    record Stop(String path, Message input) {}

    /**
     * @param verbose whether every step of a fan-out's items is listed, and a failed step's exception
     *                printed with its stack trace
     * @param live    whether stderr is a terminal on which a live line can be redrawn
     */
    Progress(PrintWriter err, boolean verbose, boolean live) {
        this.err = err;
        this.verbose = verbose;
        this.live = live && !verbose;
    }

    /** @return whether stderr is a terminal that redraws lines, as the launcher tells ({@code [ -t 2 ]}, not a dumb one) */
    static boolean stderrIsTerminal() {
        return Boolean.getBoolean("flowhost.stderr.terminal");
    }

    @Override
    public void taskStarted(TaskRecord task) {
        print(TaskLines.started(task.id(), task.jobId()));
    }

    @Override
    public void stoppedBefore(String path, Message input) {
        stop.set(new Stop(path, input));
    }

    /** @return where the task stopped, if it stopped before the step its request named */
    Optional<Stop> stoppedBefore() {
        return Optional.ofNullable(stop.get());
    }

    @Override
    public void stepEnded(StepRecord step) {
        Stop stopped = stop.get();
        if (stopped != null && stopped.path().equals(step.path())) {
            return; // the step --until named: the command says where it stopped
        }
        if (step.status() == StepStatus.SKIPPED) {
            skipped.incrementAndGet();
        }
        FanOut ended;
        synchronized (this) {
            ended = fanOuts.remove(step.path());
        }
        if (ended != null) {
            TaskLines.step(step.status(), step.path(), step.action(), step.duration(), step.error())
                    .ifPresent(line -> print(line + " " + counts(ended)));
            return;
        }
        if (!verbose && !step.status().endedBadly() && insideFanOut(step.path())) {
            return; // an item's step: the fan-out's line counts it, the task log lists it
        }
        TaskLines.step(step.status(), step.path(), step.action(), step.duration(), step.error()).ifPresent(this::print);
    }

    /** Whether a step path is inside an item of a fan-out that runs now, e.g. {@code each[7]/work} inside {@code each}. */
    private synchronized boolean insideFanOut(String path) {
        for (String fanOut : fanOuts.keySet()) {
            if (path.startsWith(fanOut) && path.length() > fanOut.length() && path.charAt(fanOut.length()) == '[') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void fanOutStarted(String path, int items) {
        synchronized (this) {
            fanOuts.put(path, new FanOut(items));
        }
        draw(true);
    }

    @Override
    public void fanOutItemEnded(String path, int index) {
        synchronized (this) {
            FanOut fanOut = fanOuts.get(path);
            if (fanOut != null) {
                fanOut.done++;
            }
        }
        draw(false);
    }

    /** @return {@code (10,000 items, 2,560/s)} */
    private static String counts(FanOut fanOut) {
        double seconds = (System.nanoTime() - fanOut.startedAt) / 1e9;
        String rate = fanOut.done == 0 || seconds <= 0 ? "" : String.format(", %,.0f/s", fanOut.done / seconds);
        String of = fanOut.done == fanOut.items ? "" : String.format("%,d of ", fanOut.done);
        return String.format("(%s%,d item%s%s)", of, fanOut.items, fanOut.items == 1 ? "" : "s", rate);
    }

    /** Redraws the live line, at most every {@value #REDRAW_MILLIS} ms unless {@code now}. */
    private synchronized void draw(boolean now) {
        if (!live) {
            return;
        }
        long time = System.nanoTime();
        if (!now && time - drawnAt < REDRAW_MILLIS * 1_000_000) {
            return;
        }
        drawnAt = time;
        StringBuilder line = new StringBuilder();
        fanOuts.forEach((path, fanOut) -> line.append(line.isEmpty() ? "  running   " : "; ").append(path).append(' ')
                .append(counts(fanOut)));
        err.print("\r\033[K" + (line.length() > LIVE_WIDTH ? line.substring(0, LIVE_WIDTH - 1) + "…" : line));
        err.flush();
        drawn = !line.isEmpty();
    }

    /** The live line is cut to fit an 80-column terminal: a longer one would wrap, and \r would redraw only its end. */
    private static final int LIVE_WIDTH = 79;

    @Override
    public synchronized void stepFailed(String path, Throwable cause) {
        if (verbose) {
            err.println("  stack trace of " + path + ":");
            java.io.StringWriter trace = new java.io.StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            err.print(Secrets.current().mask(trace.toString()));
            err.flush();
        }
    }

    @Override
    public void log(LogLine line) {
        TaskLines.log(line).ifPresent(this::print);
    }

    @Override
    public void taskEnded(TaskRecord task) {
        for (io.flowhost.store.Artifact artifact : task.artifacts()) {
            print("  artifact  " + artifact.step() + ": " + artifact.name()
                    + (artifact.file() != null ? " -> " + artifact.file() : " = " + abbreviated(artifact.json().toString())));
        }
        print(TaskLines.ended(task.id(), task.status(), Optional.of(Duration.between(task.startedAt(), task.endedAt())),
                task.error(), skipped.get()));
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }

    private synchronized void print(String line) {
        if (drawn) {
            err.print("\r\033[K"); // the line goes where the live line was, which is drawn again under it
        }
        err.println(Secrets.current().mask(line));
        if (drawn && !fanOuts.isEmpty()) {
            drawnAt = 0;
            draw(true);
        } else {
            drawn = false;
            err.flush();
        }
    }
}
