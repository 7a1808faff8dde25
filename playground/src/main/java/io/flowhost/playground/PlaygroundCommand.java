package io.flowhost.playground;

import io.flowhost.cli.Flowhost;
import io.flowhost.cli.HostOptions;
import io.flowhost.cli.JobFiles;
import io.flowhost.cli.Subcommand;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Signals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowhost playground}: the REPL. */
@Command(name = "playground", description = {
    "Try templates and scripts against a sample message, interactively (history in ~/.flowhost_history).",
    "With --job, the job's typed parameters and its steps' templates are ready to try (:steps, :step ID).",
    "With stdin piped, reads inputs line by line: results on stdout, everything else on stderr;",
    "exit 1 when an input failed."})
public final class PlaygroundCommand implements Callable<Integer>, Subcommand {
    @Spec
    CommandSpec spec;

    @Mixin
    MessageOptions sample;

    @Mixin
    HostOptions plugins;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "Set params.NAME; of its declared type with --job, else text. Repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--job", paramLabel = "FILE", description = "Try this job's steps: its parameters and defaults apply.")
    Path job;

    @Option(names = "--step", paramLabel = "ID", description = "With --job: start on this step's first template or script.")
    String step;

    @Override
    public Integer call() throws Exception {
        Session session = new Session(new JsExpressions(Limits.defaults()),
                sample.read(java.io.InputStream.nullInputStream()));
        if (sample.message != null) {
            session.sampleName(sample.message);
        }
        if (step != null && job == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--step needs --job FILE");
        }
        if (job != null) {
            session.job(new JobTrial(JobFiles.load(job, plugins, spec)));
        }
        params.forEach(session::param);
        Repl repl = new Repl(session, Flowhost.verbose(spec), Repl.editorFromEnvironment());
        if (step != null) {
            List<JobTrial.Code> code = session.step(step);
            if (!code.isEmpty()) {
                session.mode(code.get(0).mode());
                repl.firstInput(code.get(0).text());
            }
        }
        if (!EvalCommand.terminal()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return repl.piped(in, spec.commandLine().getOut(), spec.commandLine().getErr())
                    ? Flowhost.OK : Flowhost.TASK_FAILED;
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            // A dumb terminal stays in cooked mode, where Ctrl+C is a SIGINT that JLine does not
            // catch for it: the JVM would end. Caught here, it does what it does on any terminal.
            Object interrupt = terminal.getType().startsWith(Terminal.TYPE_DUMB)
                    ? Signals.register("INT", () -> terminal.raise(Terminal.Signal.INT)) : null;
            try {
                repl.interactive(terminal, Path.of(System.getProperty("user.home"), ".flowhost_history"));
            } finally {
                if (interrupt != null) {
                    Signals.unregister("INT", interrupt);
                }
            }
        }
        return Flowhost.OK;
    }
}
