package io.flowhost.playground;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.cli.Flowhost;
import io.flowhost.cli.Subcommand;
import io.flowhost.cli.UserError;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowhost eval}: evaluates one template or script exactly as a job step would. */
@Command(name = "eval", description = {
    "Evaluate a template (or with --js a script body) against a message, exactly as a job step would.",
    "A string result is printed as it is, anything else as JSON. Exit 0; 1 when evaluation fails; 2 for usage errors."})
public final class EvalCommand implements Callable<Integer>, Subcommand {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    MessageOptions sample;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Set params.NAME (text); repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--var", paramLabel = "NAME=JSON", description = "Set vars.NAME to a JSON value; repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--js", description = "TEXT is a script body, as in a script.js step.")
    boolean js;

    @Option(names = "--json", description = "Print {\"value\": ..., \"type\": ..., \"logs\": [...]}.")
    boolean json;

    @Parameters(paramLabel = "TEXT", description = "The template or script, or @FILE to read it from a file.")
    String text;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        String source = source(text);
        Session session = new Session(new JsExpressions(Limits.defaults()), sample.read(System.in));
        params.forEach(session::param);
        vars.forEach(session::var);
        Session.Result result;
        try {
            result = session.eval(source, js ? Session.Mode.JS : Session.Mode.TEMPLATE);
        } catch (TemplateException e) {
            err.println(Errors.format(e));
            err.flush();
            return Flowhost.TASK_FAILED;
        }
        if (json) {
            ObjectNode report = Session.JSON.createObjectNode();
            report.set("value", result.value());
            report.put("type", result.type());
            ArrayNode logs = report.putArray("logs");
            result.logs().forEach(logs::add);
            out.println(report);
        } else {
            result.logs().forEach(err::println);
            out.println(result.value().isTextual() ? result.value().textValue()
                    : terminal() ? Session.pretty(result.value()) : result.value().toString());
        }
        out.flush();
        err.flush();
        return Flowhost.OK;
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
