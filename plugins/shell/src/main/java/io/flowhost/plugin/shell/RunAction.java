package io.flowhost.plugin.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Durations;
import io.flowhost.api.HostSettings;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * {@code shell.run}: runs a command that the host configuration allows, never one a job names freely.
 *
 * <p>Host settings ({@code plugins.shell}): {@code allow}, the commands jobs may run, as an object of
 * names to executables ({@code {"convert": "/usr/bin/convert"}}) or an array of absolute paths (named
 * by their file names); {@code env}, the variables commands get; {@code inheritEnv}, whether they
 * also get the host's environment (default false); {@code workDir}, where they run (default the
 * host's working folder); {@code maxOutput}, the bytes kept of stdout and of stderr (default 1 MiB);
 * {@code maxTimeout}, the longest timeout a job may ask for (default 1h).
 */
@Extension
public final class RunAction implements Action {
    static final long DEFAULT_MAX_OUTPUT = 1024 * 1024;

    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("shell.run")
                .label("Run a command")
                .summary("Runs a command from the host's allow list with an argument list; exit code and output into the output")
                .description("""
                        Runs 'command', a name on the allow list of the host configuration (plugins.shell.allow), \
                        with 'args' as its arguments: an argument list, never a shell string, so nothing in an \
                        argument is interpreted. 'stdin' is written to its input. Its environment is only what the \
                        host configuration gives (plugins.shell.env), unless that says inheritEnv. stdout and \
                        stderr are kept up to plugins.shell.maxOutput bytes each (default 1 MiB; the rest is read \
                        and dropped). The output is {"exitCode", "stdout", "stderr", "truncated"}. A non-zero exit \
                        fails the step unless 'failOnExit' is false; passing 'timeout' kills the command and fails \
                        the step.""")
                .param(ParamSpec.string("command", "A command name on the host's allow list").asRequired())
                .param(ParamSpec.array("args", "The arguments, one string each").withDefault(List.of()))
                .param(ParamSpec.string("stdin", "Text written to the command's input"))
                .param(ParamSpec.duration("timeout", "How long the command may run").withDefault("1m"))
                .param(ParamSpec.bool("failOnExit", "Whether a non-zero exit code fails the step").withDefault(true))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException, InterruptedException {
        HostSettings settings = context.settings();
        Map<String, String> allowed = allowList(settings);
        String command = context.params().string("command");
        String executable = allowed.get(command);
        if (executable == null) {
            throw new IllegalArgumentException("command '" + command + "' is not on the shell allow list "
                    + allowed.keySet() + " (host configuration: plugins.shell.allow)");
        }
        Duration timeout = context.params().duration("timeout");
        Duration maxTimeout = settings.string("maxTimeout").map(Durations::parse).orElse(Duration.ofHours(1));
        if (timeout.compareTo(maxTimeout) > 0) {
            throw new IllegalArgumentException("timeout " + Durations.format(timeout) + " is over the host's maxTimeout "
                    + Durations.format(maxTimeout));
        }
        long maxOutput = settings.get("maxOutput").map(JsonNode::asLong).orElse(DEFAULT_MAX_OUTPUT);

        List<String> line = new ArrayList<>();
        line.add(executable);
        line.addAll(context.params().strings("args"));
        ProcessBuilder builder = new ProcessBuilder(line);
        if (!settings.get("inheritEnv").map(JsonNode::asBoolean).orElse(false)) {
            builder.environment().clear();
        }
        settings.get("env").filter(JsonNode::isObject)
                .ifPresent(env -> env.properties().forEach(e -> builder.environment().put(e.getKey(), e.getValue().asText())));
        settings.string("workDir").ifPresent(dir -> builder.directory(Path.of(dir).toFile()));

        Process process = builder.start();
        Bounded stdout = Bounded.drain(process.getInputStream(), maxOutput);
        Bounded stderr = Bounded.drain(process.getErrorStream(), maxOutput);
        try (OutputStream in = process.getOutputStream()) {
            if (context.params().has("stdin")) {
                in.write(context.params().string("stdin").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command does not read its input: not a failure of the step
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!process.waitFor(Math.min(50_000_000L, Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                if (context.isCancelled()) {
                    kill(process);
                    throw new ActionCancelledException(context.stepPath());
                }
                if (System.nanoTime() >= deadline) {
                    kill(process);
                    return StepResult.failed("'" + command + "' did not end within " + Durations.format(timeout)
                            + " and was killed");
                }
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        int exit = process.exitValue();
        ObjectNode output = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        output.put("exitCode", exit);
        output.put("stdout", stdout.text());
        output.put("stderr", stderr.text());
        output.put("truncated", stdout.truncated() || stderr.truncated());
        if (exit != 0 && context.params().bool("failOnExit")) {
            String last = stderr.text().strip().lines().reduce((a, b) -> b).orElse("");
            return StepResult.failed("'" + command + "' exited with " + exit + (last.isEmpty() ? "" : ": " + last));
        }
        return StepResult.ok(output);
    }

    /** The allow list: names to executables. */
    static Map<String, String> allowList(HostSettings settings) {
        Map<String, String> allowed = new TreeMap<>();
        settings.get("allow").ifPresent(allow -> {
            if (allow.isObject()) {
                allow.properties().forEach(e -> allowed.put(e.getKey(), e.getValue().asText()));
            } else {
                for (String path : settings.strings("allow")) {
                    allowed.put(Path.of(path).getFileName().toString(), path);
                }
            }
        });
        return allowed;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** One output stream of the command, read to its end on a thread of its own, its first bytes kept. */
    private static final class Bounded {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread reader;
        private volatile boolean truncated;

        private Bounded(InputStream in, long max) {
            reader = Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                        int room = (int) Math.max(0, Math.min(read, max - kept.size()));
                        kept.write(buffer, 0, room);
                        if (room < read) {
                            truncated = true;
                        }
                    }
                } catch (IOException e) {
                    // the process was killed: what was read is what there is
                }
            });
        }

        static Bounded drain(InputStream in, long max) {
            return new Bounded(in, max);
        }

        String text() throws InterruptedException {
            reader.join(Duration.ofSeconds(5));
            return kept.toString(StandardCharsets.UTF_8);
        }

        boolean truncated() {
            return truncated;
        }
    }
}
