package io.flowhost.playground;

import io.flowhost.cli.Flowhost;
import io.flowhost.cli.Subcommand;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code flowhost playground}: the REPL. */
@Command(name = "playground", description = {
    "Try templates and scripts against a sample message, interactively (history in ~/.flowhost_history).",
    "With stdin piped, reads one input per line and prints one result per line."})
public final class PlaygroundCommand implements Callable<Integer>, Subcommand {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    MessageOptions sample;

    @Override
    public Integer call() throws Exception {
        Session session = new Session(new JsExpressions(Limits.defaults()), sample.read(java.io.InputStream.nullInputStream()));
        Repl repl = new Repl(session);
        if (!EvalCommand.terminal()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            repl.piped(in, spec.commandLine().getOut(), spec.commandLine().getErr());
            return Flowhost.OK;
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            repl.interactive(terminal, Path.of(System.getProperty("user.home"), ".flowhost_history"));
        }
        return Flowhost.OK;
    }
}
