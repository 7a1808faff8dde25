package io.flowhost.playground;

import io.flowhost.cli.UserError;
import io.flowhost.script.TemplateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * The playground's read-eval-print loop: a thin shell around a {@link Session}. With a terminal it
 * uses JLine (history, multi-line input, completion, Ctrl+C stops a running evaluation, Ctrl+D
 * leaves); without one it reads one input per line and prints one result per line.
 */
final class Repl {
    private static final Pattern TRAILING_PATH = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(?:\\.[A-Za-z0-9_$]*)*$");
    private final Session session;

    Repl(Session session) {
        this.session = session;
    }

    /** The interactive loop on a JLine terminal; returns when the user leaves. */
    void interactive(Terminal terminal, Path history) {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("flowhost")
                .parser(new ContinuationParser(session))
                .completer(new SessionCompleter(session))
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P > ")
                .build();
        terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
        PrintWriter out = terminal.writer();
        out.println("Flowhost playground: " + session.message().nodes().size() + " nodes, "
                + session.message().items().size() + " items. :help for commands, Ctrl+D to leave.");
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (!handle(line, out, out, true)) {
                break;
            }
        }
        out.flush();
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            out.println("could not save the history to " + history + ": " + e.getMessage());
        }
    }

    /** One input per line, one result per line, for pipes and scripts. */
    void piped(BufferedReader in, PrintWriter out, PrintWriter err) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!handle(line, out, err, false)) {
                break;
            }
        }
        out.flush();
        err.flush();
    }

    private String prompt() {
        return session.mode() == Session.Mode.JS ? "js> " : "{{}}> ";
    }

    /** @return whether to go on */
    private boolean handle(String line, PrintWriter out, PrintWriter err, boolean showType) {
        if (line.isBlank()) {
            return true;
        }
        try {
            if (line.strip().startsWith(":")) {
                Session.Reply reply = session.command(line);
                if (!reply.output().isEmpty()) {
                    out.println(reply.output());
                }
                return !reply.quit();
            }
            Session.Result result = session.eval(line);
            result.logs().forEach(out::println);
            out.println(showType ? result.display() + "  : " + result.type() : result.display());
        } catch (TemplateException e) {
            err.println(Errors.format(e));
        } catch (UserError e) {
            err.println("error: " + e.getMessage());
        }
        out.flush();
        err.flush();
        return true;
    }

    /** Asks for more lines while a {{, a bracket or a string is open. */
    static final class ContinuationParser extends DefaultParser {
        private final Session session;

        ContinuationParser(Session session) {
            this.session = session;
            escapeChars(new char[0]);
        }

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && !line.strip().startsWith(":") && open(line, session.mode())) {
                throw new EOFError(-1, -1, "more input expected");
            }
            return super.parse(line, cursor, context);
        }

        static boolean open(String text, Session.Mode mode) {
            if (mode == Session.Mode.TEMPLATE) {
                int opens = text.split("\\{\\{", -1).length - 1;
                int closes = text.split("}}", -1).length - 1;
                if (opens > closes) {
                    return true;
                }
                if (opens == 0) {
                    return false;
                }
            }
            int depth = 0;
            char quote = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"' || c == '`') {
                    quote = c;
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                }
            }
            return quote != 0 || depth > 0;
        }
    }

    /** Scope names, helpers, and the fields of the sample message after a dot. */
    static final class SessionCompleter implements Completer {
        private final Session session;

        SessionCompleter(Session session) {
            this.session = session;
        }

        @Override
        public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
            String word = line.word().substring(0, line.wordCursor());
            Matcher path = TRAILING_PATH.matcher(word);
            if (!path.find()) {
                return;
            }
            String before = word.substring(0, path.start());
            for (String completion : session.complete(path.group())) {
                candidates.add(new Candidate(before + completion, completion, null, null, null, null, false));
            }
        }
    }
}
