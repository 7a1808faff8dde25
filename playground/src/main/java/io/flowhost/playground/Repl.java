package io.flowhost.playground;

import io.flowhost.cli.UserError;
import io.flowhost.script.JsSyntax;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.MaskingCallback;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * The playground's read-eval-print loop: a thin shell around a {@link Session}. With a terminal it
 * uses JLine (history, multi-line input, completion, a live result under the line, Ctrl+C stops a
 * running evaluation or drops the line being typed, Ctrl+D leaves); without one it reads inputs
 * from a pipe, prints each result on one line of stdout and everything else on stderr.
 *
 * <p>When an input is finished is the same for both ({@link #needsMore}): text outside
 * {@code {{ }}} never continues a line; an unfinished expression inside does; in js mode lines are
 * collected into one script body, which runs when a line starting with {@code return} completes it
 * or on an empty line. An empty line always runs what was collected, so nothing can trap the input.
 */
final class Repl {
    /**
     * Piped input is collected at most this long before it runs, finished or not: whether it is
     * finished is asked again of the whole input at every line, so the bound keeps that cheap
     * (64 KiB of lines of 900 characters is some five million characters scanned in all).
     */
    static final int MAX_INPUT = 64 * 1024;
    private final Session session;
    private final boolean verbose;
    private final List<String> editor;
    private boolean live = true;
    private int failed;
    private String pendingInput;

    /**
     * @param verbose whether failures come with their stack trace
     * @param editor  the command {@code :edit} runs, the message file appended to it
     */
    Repl(Session session, boolean verbose, List<String> editor) {
        this.session = session;
        this.verbose = verbose;
        this.editor = List.copyOf(editor);
    }

    Repl(Session session) {
        this(session, false, editorFromEnvironment());
    }

    /** {@code $VISUAL}, else {@code $EDITOR}, else {@code vi}, run by the shell so that it may carry options. */
    static List<String> editorFromEnvironment() {
        String chosen = System.getenv("VISUAL");
        if (chosen == null || chosen.isBlank()) {
            chosen = System.getenv("EDITOR");
        }
        if (chosen == null || chosen.isBlank()) {
            chosen = "vi";
        }
        return List.of("sh", "-c", chosen + " \"$1\"", "sh");
    }

    /** Whether {@code text} is unfinished: the REPL asks for another line instead of running it. */
    static boolean needsMore(String text, Session.Mode mode) {
        if (text.isBlank() || text.strip().startsWith(":")) {
            return false;
        }
        String[] lines = text.split("\n", -1);
        String lastLine = lines[lines.length - 1];
        if (lines.length > 1 && lastLine.isBlank()) {
            return false; // an empty line runs what is there, finished or not
        }
        if (mode == Session.Mode.TEMPLATE) {
            return !JsSyntax.templateComplete(text);
        }
        return !JsSyntax.scriptComplete(text) || !lastLine.strip().matches("return\\b.*");
    }

    /** The interactive loop on a JLine terminal; returns when the user leaves. */
    void interactive(Terminal terminal, Path history) {
        live = !terminal.getType().startsWith(Terminal.TYPE_DUMB);
        LivePreview preview = new LivePreview(session);
        LiveLineReader reader = new LiveLineReader(terminal, preview);
        preview.showOn(reader);
        reader.setParser(new ContinuationParser(session));
        reader.setCompleter(new SessionCompleter(new Completion(session)));
        reader.setVariable(LineReader.HISTORY_FILE, history);
        reader.setVariable(LineReader.SECONDARY_PROMPT_PATTERN, "%P > ");
        terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
        PrintWriter out = terminal.writer();
        out.println("Flowhost playground: " + session.summary() + ". :help for commands, Ctrl+D to leave.");
        if (session.job() != null) {
            out.println(session.job().describe(session.params()));
        }
        String prefill = pendingInput;
        pendingInput = null;
        try {
            while (true) {
                preview.enabled(live);
                String line;
                try {
                    line = reader.readLine(prompt(), null, (MaskingCallback) null, prefill);
                } catch (UserInterruptException e) {
                    prefill = null;
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                prefill = null;
                String trimmed = line.strip().toLowerCase(Locale.ROOT);
                if (trimmed.startsWith(":live")) {
                    live(trimmed, terminal, out);
                    continue;
                }
                if (trimmed.equals(":edit")) {
                    edit(terminal, out);
                    continue;
                }
                Outcome outcome = handle(line, out, out, true);
                if (outcome.quit()) {
                    break;
                }
                prefill = outcome.input();
            }
        } finally {
            preview.close();
        }
        out.flush();
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            out.println("could not save the history to " + history + ": " + e.getMessage());
        }
    }

    /** Puts text on the first input line of {@link #interactive} ({@code --step}). */
    void firstInput(String text) {
        pendingInput = text;
    }

    private void live(String command, Terminal terminal, PrintWriter out) {
        String argument = command.substring(":live".length()).strip();
        if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
            out.println("error: the live result needs a terminal that can redraw (TERM is " + terminal.getType() + ")");
            return;
        }
        switch (argument) {
            case "on" -> live = true;
            case "off" -> live = false;
            case "" -> { }
            default -> {
                out.println("error: usage: :live on|off");
                return;
            }
        }
        out.println("live " + (live ? "on" : "off"));
    }

    /** {@code :edit}: the message in the person's editor; an edit that is not a message leaves it as it was. */
    private void edit(Terminal terminal, PrintWriter out) {
        String said;
        try {
            terminal.pause(true); // the editor owns the terminal until it exits
            try {
                said = runEditor();
            } finally {
                terminal.resume();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            said = "error: interrupted";
        }
        out.println(said);
        out.flush();
    }

    /** Writes the message to a file, runs the editor on it and reads it back. @return what to tell the person */
    String runEditor() throws InterruptedException {
        Path file;
        try {
            file = Files.createTempFile("flowhost-message-", ".json");
            Files.writeString(file, Display.pretty(session.message().toJson()) + "\n");
        } catch (IOException e) {
            return "error: cannot write the message for the editor: " + e.getMessage();
        }
        List<String> command = new ArrayList<>(editor);
        command.add(file.toString());
        try {
            return edited(file, new ProcessBuilder(command).inheritIO().start().waitFor());
        } catch (IOException e) {
            return "error: cannot run the editor " + String.join(" ", editor) + ": " + e.getMessage();
        }
    }

    /** Reads back what the editor left in {@code file}; kept for the person when it is not a message. */
    private String edited(Path file, int exit) {
        if (exit != 0) {
            return "error: the editor exited with " + exit + "; the message is unchanged (the edit is in " + file + ")";
        }
        try {
            session.edited(Files.readString(file), file.toString());
            Files.deleteIfExists(file);
        } catch (UserError e) {
            failed++;
            return "error: " + e.getMessage() + "; the message is unchanged (the edit is in " + file + ")";
        } catch (IOException e) {
            return "error: cannot read the edit back from " + file + ": " + e.getMessage();
        }
        return "message edited: " + session.summary();
    }

    /**
     * Inputs from a pipe, one result per line on {@code out}; command replies, console lines and
     * errors go to {@code err}, so that {@code out} holds exactly the results.
     *
     * @return whether every input succeeded
     */
    boolean piped(BufferedReader in, PrintWriter out, PrintWriter err) throws IOException {
        StringBuilder input = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            input.append(input.isEmpty() ? "" : "\n").append(line);
            if (input.length() < MAX_INPUT && needsMore(input.toString(), session.mode())) {
                continue;
            }
            String text = input.toString();
            input.setLength(0);
            if (handle(text, out, err, false).quit()) {
                break;
            }
        }
        if (!input.isEmpty()) {
            handle(input.toString(), out, err, false);
        }
        out.flush();
        err.flush();
        return failed == 0;
    }

    private String prompt() {
        return session.mode() == Session.Mode.JS ? "js> " : "{{}}> ";
    }

    private record Outcome(boolean quit, String input) {
        static final Outcome GO_ON = new Outcome(false, null);
    }

    /** Runs one input; a failure of any kind is printed and counted, never the end of the session. */
    private Outcome handle(String line, PrintWriter out, PrintWriter err, boolean forPeople) {
        if (line.isBlank()) {
            return Outcome.GO_ON;
        }
        PrintWriter replies = forPeople ? out : err;
        try {
            if (line.strip().startsWith(":")) {
                Session.Reply reply = session.command(line);
                if (!reply.output().isEmpty()) {
                    replies.println(reply.output());
                }
                return new Outcome(reply.quit(), reply.input());
            }
            Session.Result result = session.eval(stripFinalEmptyLine(line));
            result.logs().forEach(replies::println);
            out.println(forPeople ? Display.forPeople(result.value()) + "  : " + result.type() : result.display());
        } catch (UserError e) {
            failed++;
            err.println("error: " + e.getMessage());
        } catch (RuntimeException e) {
            failed++;
            err.println(Errors.describe(e));
            if (verbose) {
                e.printStackTrace(err);
            }
        } finally {
            out.flush();
            err.flush();
        }
        return Outcome.GO_ON;
    }

    /** The empty line that ran an input is not part of it. */
    private static String stripFinalEmptyLine(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** Asks for more lines while {@link #needsMore} says so; words are split at white space only. */
    static final class ContinuationParser extends DefaultParser {
        private final Session session;

        ContinuationParser(Session session) {
            this.session = session;
            // quotes and escapes belong to the template or script, not to word splitting: an
            // apostrophe in "It's {{ node.name }}" must not wait for its closing quote
            escapeChars(new char[0]);
            quoteChars(new char[0]);
        }

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && needsMore(line, session.mode())) {
                throw new EOFError(-1, -1, "more input expected");
            }
            return super.parse(line, cursor, context);
        }
    }

    /** Completion's candidates as JLine's. */
    static final class SessionCompleter implements Completer {
        private final Completion completion;

        SessionCompleter(Completion completion) {
            this.completion = completion;
        }

        @Override
        public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
            String typed = line.line().substring(0, line.cursor());
            // JLine replaces the word it parsed (split at white space, as Completion splits)
            for (Completion.Option option : completion.complete(typed, typed.length())) {
                candidates.add(new Candidate(option.value(), option.value(), null, null, null, null, option.complete()));
            }
        }
    }
}
