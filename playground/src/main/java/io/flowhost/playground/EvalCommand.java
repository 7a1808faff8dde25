package io.flowhost.playground;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.cli.Flowhost;
import io.flowhost.cli.HostOptions;
import io.flowhost.cli.JobFiles;
import io.flowhost.cli.Subcommand;
import io.flowhost.cli.UserError;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.TemplateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowhost eval}: evaluates one template or script exactly as a job step would. */
@Command(name = "eval", description = {
    "Evaluate a template (or with --js a script body) against a message, exactly as a job step would.",
    "With --job FILE --step ID and no TEXT, evaluate what that step evaluates.",
    "A string result is printed as it is, anything else as JSON. Exit 0; 1 when evaluation fails; 2 for usage errors."})
public final class EvalCommand implements Callable<Integer>, Subcommand {
    @Spec
    CommandSpec spec;

    @Mixin
    MessageOptions sample;

    @Mixin
    HostOptions plugins;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "Set params.NAME; of its declared type with --job, else text. Repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--var", paramLabel = "NAME=JSON", description = "Set vars.NAME to a JSON value; repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--js", description = "TEXT is a script body, as in a script.js step.")
    boolean js;

    @Option(names = "--json", description = "Print {\"value\": ..., \"type\": ..., \"logs\": [...]}, "
            + "or {\"error\": {\"message\": ..., \"line\": ..., \"column\": ...}}.")
    boolean json;

    @Option(names = "--job", paramLabel = "FILE", description = "Evaluate as in this job: its parameters and defaults apply.")
    Path job;

    @Option(names = "--step", paramLabel = "ID",
            description = "With --job: as in this step (its limits, run.step); without TEXT, what the step evaluates.")
    String step;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The template or script, or @FILE to read it from a file.")
    String text;

    @Override
    public Integer call() throws Exception {
        if (text == null && step == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'TEXT'");
        }
        if (step != null && job == null) {
            throw new ParameterException(spec.commandLine(), "--step needs --job FILE");
        }
        Session session = new Session(new JsExpressions(Limits.defaults()), sample.read(System.in));
        if (job != null) {
            session.job(new JobTrial(JobFiles.load(job, plugins, spec)));
        }
        params.forEach(session::param);
        vars.forEach(session::var);
        List<JobTrial.Code> code = step == null ? List.of() : session.step(step);
        if (text != null) {
            return evaluate(session, new JobTrial.Code("TEXT", source(text), js ? Session.Mode.JS : Session.Mode.TEMPLATE),
                    false) ? Flowhost.OK : Flowhost.TASK_FAILED;
        }
        if (code.isEmpty()) {
            throw new UserError("step '" + step + "' evaluates no template or script; give TEXT to try one as in it");
        }
        boolean ok = true;
        for (JobTrial.Code each : code) {
            ok &= evaluate(session, each, code.size() > 1);
        }
        return ok ? Flowhost.OK : Flowhost.TASK_FAILED;
    }

    /** @return whether it evaluated */
    private boolean evaluate(Session session, JobTrial.Code code, boolean named) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String prefix = named ? code.where() + ": " : "";
        try {
            Session.Result result = session.eval(code.text(), code.mode());
            if (json) {
                ObjectNode report = Session.JSON.createObjectNode();
                if (named) {
                    report.put("where", code.where());
                }
                report.set("value", result.value());
                report.put("type", result.type());
                ArrayNode logs = report.putArray("logs");
                result.logs().forEach(logs::add);
                out.println(report);
            } else {
                result.logs().forEach(err::println);
                out.println(prefix + (terminal() ? Display.forPeople(result.value()) : Display.forPipes(result.value())));
            }
            return true;
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            if (json) {
                ObjectNode report = Session.JSON.createObjectNode();
                if (named) {
                    report.put("where", code.where());
                }
                ObjectNode error = report.putObject("error").put("message", e instanceof TemplateException t
                        ? t.getMessage() : Errors.reason(e));
                if (e instanceof TemplateException located) {
                    error.put("line", located.line()).put("column", located.column());
                } else {
                    error.putNull("line").putNull("column");
                }
                out.println(report);
            } else {
                err.println(prefix + Errors.describe(e));
            }
            if (Flowhost.verbose(spec)) {
                e.printStackTrace(err);
            }
            return false;
        } finally {
            out.flush();
            err.flush();
        }
    }

    static String source(String text) {
        if (!text.startsWith("@")) {
            return text;
        }
        Path file = Path.of(text.substring(1));
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }

    /** Whether stdout is a terminal (pretty JSON for people, compact for pipes). */
    static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a console for pipes too; isTerminal() tells them apart
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
