package io.flowhost.playground;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.cli.Inputs;
import io.flowhost.cli.Suggestions;
import io.flowhost.cli.UserError;
import io.flowhost.script.TemplateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/** The playground's {@code :commands}, over a {@link Session}. */
final class Commands {
    static final List<String> NAMES = List.of(":help", ":load", ":node", ":param", ":var", ":mode", ":show", ":edit",
            ":reset", ":doc", ":try", ":steps", ":step", ":save", ":save!", ":live", ":quit");

    static final String HELP = """
            Type a template ({{ node.name }}) or, in js mode, a script body; the result is printed with its type.
            'last' is the previous result. Inside {{ }} an unfinished expression (open bracket, string, comment)
            continues on the next line; in js mode lines are collected into one body, which runs when a line
            starting with 'return' completes it, or on an empty line. An empty line always runs what is there.
            :load FILE         load a sample message (JSON)
            :node PATH         add a file as a node
            :param NAME=VALUE  set params.NAME (of the type the job declares, with --job)
            :var NAME=JSON     set vars.NAME
            :mode template|js  what input is
            :show              the current message and params
            :edit              edit the message in $EDITOR
            :reset             back to the loaded message: variables, nodes and 'last' set since are gone
            :doc [WORD]        the scope, the helpers and JavaScript built-ins, by category
            :try NAME          run a documented example against the message
            :steps             the job's steps and what they evaluate (with --job)
            :step ID [WHERE]   put a step's template or script on the input line
            :save FILE         write the last evaluated input as a job step (:save! FILE replaces a file)
            :live on|off       show the result of what you type, as you type
            :quit              leave (or Ctrl+D); Ctrl+C stops a running evaluation""";

    private final Session session;

    Commands(Session session) {
        this.session = session;
    }

    Session.Reply run(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        String name = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : trimmed.substring(space + 1).strip();
        switch (name) {
            case ":help", ":h", ":?" -> {
                return Session.Reply.say(HELP);
            }
            case ":quit", ":q", ":exit" -> {
                return new Session.Reply("", true, null);
            }
            case ":load" -> {
                require(argument, ":load FILE");
                Message loaded = Inputs.message(Session.expandHome(argument).toString(), List.of(),
                        InputStream.nullInputStream());
                session.load(loaded, argument);
                return Session.Reply.say("loaded " + argument + ": " + session.summary());
            }
            case ":node" -> {
                require(argument, ":node PATH");
                session.node(Session.expandHome(argument));
                List<io.flowhost.api.Node> nodes = session.message().nodes();
                return Session.Reply.say("node " + nodes.get(nodes.size() - 1).name() + " added");
            }
            case ":param" -> {
                int equals = argument.indexOf('=');
                if (equals <= 0) {
                    throw new UserError("usage: :param NAME=VALUE");
                }
                String param = argument.substring(0, equals);
                session.param(param, argument.substring(equals + 1));
                return Session.Reply.say("params." + param + " = " + session.params().get(param));
            }
            case ":var" -> {
                int equals = argument.indexOf('=');
                if (equals <= 0) {
                    throw new UserError("usage: :var NAME=JSON");
                }
                session.var(argument.substring(0, equals), argument.substring(equals + 1));
                return Session.Reply.say("vars." + argument.substring(0, equals) + " set");
            }
            case ":mode" -> {
                if (!argument.isEmpty()) {
                    session.mode(switch (argument.toLowerCase(Locale.ROOT)) {
                        case "template", "t" -> Session.Mode.TEMPLATE;
                        case "js", "script" -> Session.Mode.JS;
                        default -> throw new UserError("usage: :mode template|js");
                    });
                }
                return Session.Reply.say("mode " + session.mode().name().toLowerCase(Locale.ROOT));
            }
            case ":show" -> {
                return Session.Reply.say(Display.pretty(session.message().toJson())
                        + (session.params().isEmpty() ? "" : "\nparams: " + session.params()));
            }
            case ":reset" -> {
                return Session.Reply.say(session.reset());
            }
            case ":doc", ":docs" -> {
                return Session.Reply.say(argument.isEmpty() ? Docs.overview(100) : Docs.show(argument));
            }
            case ":try" -> {
                require(argument, ":try NAME");
                return tryExample(argument);
            }
            case ":steps" -> {
                if (session.job() == null) {
                    throw new UserError("no job loaded; start with --job FILE to try its steps");
                }
                return Session.Reply.say(session.job().describe(session.params()));
            }
            case ":step" -> {
                require(argument, ":step ID [WHERE]");
                return step(argument);
            }
            case ":save", ":save!" -> {
                require(argument, name + " FILE");
                return Session.Reply.say(save(Session.expandHome(argument), name.equals(":save!")));
            }
            case ":edit", ":live" -> throw new UserError(name + " needs a terminal; the playground is reading a pipe");
            default -> throw new UserError("unknown command " + name + Suggestions.didYouMean(name, NAMES) + "; try :help");
        }
    }

    private static void require(String argument, String usage) {
        if (argument.isEmpty()) {
            throw new UserError("usage: " + usage);
        }
    }

    /** Runs a documented example in the session's scope and puts it on the input line to try variations. */
    private Session.Reply tryExample(String name) {
        List<Docs.Entry> found = Docs.find(name);
        if (found.isEmpty()) {
            List<String> names = Docs.all().stream().map(Docs.Entry::name).toList();
            throw new UserError("nothing documented is called '" + name + "'" + Suggestions.didYouMean(name, names)
                    + "; :doc lists what is");
        }
        if (found.size() > 1) {
            throw new UserError("'" + name + "' is " + String.join(" and ", found.stream().map(Docs.Entry::name).toList())
                    + "; say which, e.g. :try " + found.get(0).name());
        }
        Docs.Entry entry = found.get(0);
        String template = "{{ " + entry.example() + " }}";
        String outcome;
        try {
            Session.Result result = session.eval(template, Session.Mode.TEMPLATE);
            outcome = Display.forPipes(result.value()) + "  : " + result.type();
        } catch (TemplateException e) {
            outcome = "error: " + e.located();
        }
        String expected = entry.expected() == null ? "" : "\n    documented: " + entry.expected();
        return new Session.Reply(entry.example() + "\n    => " + outcome + expected, false,
                session.mode() == Session.Mode.TEMPLATE ? template : "return " + entry.example());
    }

    /** Puts a step's template or script on the input line, in its mode. */
    private Session.Reply step(String argument) {
        String[] words = argument.split("\\s+", 2);
        List<JobTrial.Code> code = session.step(words[0]);
        if (code.isEmpty()) {
            return Session.Reply.say("step '" + words[0] + "' has no template or script; run.step is now '"
                    + words[0] + "'");
        }
        JobTrial.Code chosen = code.get(0);
        if (words.length > 1) {
            chosen = code.stream().filter(c -> c.where().equals(words[1]) || c.where().equals("params." + words[1]))
                    .findFirst().orElseThrow(() -> new UserError("step '" + words[0] + "' has no " + words[1]
                            + "; it evaluates " + String.join(", ", code.stream().map(JobTrial.Code::where).toList())));
        }
        session.mode(chosen.mode());
        String where = chosen.where();
        String others = code.size() == 1 ? "" : " (also: " + String.join(", ", code.stream()
                .map(JobTrial.Code::where).filter(w -> !w.equals(where)).toList()) + ")";
        return new Session.Reply("step '" + words[0] + "', " + chosen.where() + ", mode "
                + chosen.mode().name().toLowerCase(Locale.ROOT) + others, false, chosen.text());
    }

    /** Writes the last evaluated input, in the mode it was evaluated in, as a step ready to paste into a job. */
    private String save(Path file, boolean replace) {
        Session.Input input = session.lastInput();
        if (input == null) {
            throw new UserError("nothing to save yet: evaluate a template or script first");
        }
        ObjectNode step = JsonNodeFactory.instance.objectNode();
        String action;
        if (input.mode() == Session.Mode.JS) {
            action = "script.js";
            step.put("id", "script").put("action", action).putObject("params").put("code", input.text());
        } else {
            action = "script.template";
            step.put("id", "render").put("action", action).putObject("params").put("template", input.text());
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new UserError("cannot save to " + file + ": there is no folder " + folder);
        }
        try {
            if (replace) {
                Files.writeString(file, Display.pretty(step) + "\n");
            } else {
                Files.writeString(file, Display.pretty(step) + "\n", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            throw new UserError(file + " already exists; :save! " + file + " replaces it");
        } catch (NoSuchFileException e) {
            throw new UserError("cannot save to " + file + ": there is no folder " + folder);
        } catch (IOException e) {
            throw new UserError("cannot save to " + file + ": " + e.getMessage());
        }
        String text = input.text().replace("\n", "\\n");
        return "saved to " + file + ": a " + action + " step " + (input.mode() == Session.Mode.JS ? "running " : "rendering ")
                + "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
    }
}
