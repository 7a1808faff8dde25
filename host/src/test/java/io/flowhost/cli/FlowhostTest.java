package io.flowhost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.plugins.PluginJars;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class FlowhostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("flowhost.root", ".."));
    private static final Path PLUGINS = ROOT.resolve("plugins");
    private static final Path JOBS = ROOT.resolve("scripts/jobs");

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    /** Runs the CLI as main does, with the checkout's plugins unless the arguments name others. */
    static Result flowhost(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--plugins-dir") && !all.contains("schema") && !all.contains("--version")
                && !all.contains("help")) {
            all.add("--plugins-dir");
            all.add(PLUGINS.toString());
        }
        CommandLine commandLine = Flowhost.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private Path job(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void runsTheHelloSampleThroughTheCorePluginJar() {
        Result result = flowhost("run", JOBS.resolve("hello.json").toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).contains("  info      greet: Hello world!", "  succeeded greet (core.log)", " succeeded in ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void jsonPrintsExactlyTheTaskReportOnStdout() throws Exception {
        Result result = flowhost("run", JOBS.resolve("hello.json").toString(), "--param", "name=Ada", "--json");

        JsonNode report = JSON.readTree(result.out());
        assertThat(result.out().strip().lines()).hasSize(1);
        assertThat(report.get("job").asText()).isEqualTo("hello");
        assertThat(report.get("status").asText()).isEqualTo("succeeded");
        assertThat(report.get("steps")).hasSize(3);
        JsonNode first = report.get("steps").get(0);
        assertThat(first.get("path").asText()).isEqualTo("greet");
        assertThat(first.get("action").asText()).isEqualTo("core.log");
        assertThat(first.get("output").get("string").asText()).isEqualTo("Hello Ada!");
        assertThat(first.get("input").get("event").get("type").asText()).isEqualTo("manual");
        for (String field : List.of("id", "startedAt", "endedAt")) {
            assertThat(report.get(field).asText()).isNotBlank();
        }
        for (String field : List.of("path", "action", "status", "input", "output", "error", "startedAt", "endedAt")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
    }

    @Test
    void sortInboxSendsSmallFilesToTheElseBranch() {
        Result result = flowhost("run", JOBS.resolve("sort-inbox.json").toString(),
                "--param", "folder=" + ROOT.resolve("scripts/samples/inbox"));

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).contains("big/else/small: small: notes.txt, todo.md")
                .contains("report: big: essay.txt (3.2 KiB), report.csv (1.8 KiB)");
    }

    @Test
    void fanOutMergesEveryBranch() {
        Result result = flowhost("run", JOBS.resolve("fan-out.json").toString(),
                "--param", "folder=" + ROOT.resolve("scripts/samples/inbox"));

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).contains("summary: 4 files, 9 outputs; seen: essay.txt, notes.txt, report.csv, todo.md");
    }

    @Test
    void aFailedTaskExitsWith1() throws Exception {
        Path job = job("fail.json", """
                {"id": "fail", "steps": [{"id": "stop", "action": "core.fail", "params": {"reason": "disk full"}}]}
                """);

        Result result = flowhost("run", job.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("  failed    stop (core.fail)").contains("failed in").contains(": disk full");
    }

    @Test
    void anInvalidJobIsNeverRunAndExits2() throws Exception {
        Path job = job("bad.json", """
                {"id": "bad", "steps": [
                  {"id": "a", "action": "core.lgo", "params": {"message": "hi"}}
                ]}
                """);

        Result result = flowhost("run", job.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).startsWith(job + ":2:25: unknown action 'core.lgo'; did you mean 'core.log'?; known core actions: [core.artifact,")
                .contains("flowhost: " + job + " is not a valid job (1 problem); nothing was run")
                .doesNotContain("started");
    }

    @Test
    void validateReportsEveryProblemAndExits2() throws Exception {
        Path good = JOBS.resolve("hello.json");
        Path bad = job("bad.json", """
                {"id": "bad", "stepz": [],
                 "steps": [{"id": "a", "action": "core.log", "params": {"message": "{{ node.name "}}]}
                """);

        Result result = flowhost("validate", good.toString(), bad.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEqualTo(good + ": valid\n");
        assertThat(result.err().lines()).containsExactly(
                bad + ":1:15: unknown key 'stepz' in the job (at /stepz)",
                bad + ":2:69: template: '{{' is never closed with '}}' (at /steps/0/params/message)",
                "flowhost: 1 of 2 job files invalid");
        assertThat(flowhost("validate", good.toString()).exit()).isZero();
    }

    @Test
    void aCorruptJarIsReportedInOneLineAndEverythingElseWorks() throws Exception {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(PLUGINS.resolve("core-0.1.0.jar"), plugins.resolve("core-0.1.0.jar"));
        PluginJars.writeBytes(plugins.resolve("broken.jar"), "not a zip".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Result run = flowhost("run", JOBS.resolve("hello.json").toString(), "--plugins-dir", plugins.toString());
        Result list = flowhost("plugins", "--json", "--plugins-dir", plugins.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err().lines().filter(l -> l.contains("broken.jar")).toList()).singleElement().asString()
                .startsWith("flowhost: skipped plugin " + plugins.resolve("broken.jar") + ": not a readable jar file (");
        assertThat(list.exit()).isZero();
        JsonNode report = JSON.readTree(list.out());
        assertThat(report.get("plugins").get(0).get("id").asText()).isEqualTo("core");
        assertThat(report.get("plugins").get(0).get("actions").toString()).contains("\"core.nodes\"");
        assertThat(report.get("failed").get(0).get("file").asText()).endsWith("broken.jar");
    }

    @Test
    void actionsListsPluginAndBuiltInActions() {
        Result result = flowhost("actions");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("core.log ", "[core-0.1.0.jar]", "script.js ", "[built-in]");
        Result describe = flowhost("actions", "describe", "core.log");
        assertThat(describe.out()).contains("core.log - Log a message", "  message (string, required): ",
                "  level (string) default \"info\" one of [info, warn, error]: Log level");
        Result unknown = flowhost("actions", "describe", "core.nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("flowhost: unknown action 'core.nope'; did you mean 'core.nodes' or 'core.noop'?; known core actions: [core.artifact,");
    }

    @Test
    void schemaPrintsTheJobSchema() throws Exception {
        Result result = flowhost("schema");

        assertThat(JSON.readTree(result.out()).get("title").asText()).isEqualTo("Flowhost job");
    }

    @Test
    void inputMistakesAreOneLineAndExit2() throws Exception {
        Path hello = JOBS.resolve("hello.json");
        Path message = Files.writeString(dir.resolve("m.json"), "{\"nodes\": [}");

        assertThat(flowhost("run", "nope.json")).isEqualTo(new Result(2, "", "flowhost: nope.json: no such job file\n"));
        assertThat(flowhost("run", hello.toString(), "--param", "age=3").err())
                .isEqualTo("flowhost: unknown parameter 'age' for job 'hello'; it takes [name]\n");
        assertThat(flowhost("run", hello.toString(), "--message", message.toString()).err())
                .startsWith("flowhost: " + message + ":1:12: invalid JSON: Unexpected close marker '}'");
        assertThat(flowhost("run", hello.toString(), "--node", "/no/such/file").err())
                .isEqualTo("flowhost: --node /no/such/file: no such file or directory\n");
        Result usage = flowhost("run", hello.toString(), "--frobnicate");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).startsWith("flowhost: Unknown option: '--frobnicate'");
    }

    @Test
    void messagesAndNodesReachTheJob() throws Exception {
        Path job = job("count.json", """
                {"id": "count", "steps": [{"id": "say", "action": "core.log",
                  "params": {"message": "{{ nodes.map(n => n.name + '=' + n.size).join(',') }} {{ vars.album }} {{ event.type }}"}}]}
                """);
        Path file = Files.writeString(dir.resolve("extra.txt"), "12345");

        Result result = flowhost("run", job.toString(), "--message", ROOT.resolve("scripts/messages/photos.json").toString(),
                "--node", file.toString());

        assertThat(result.err()).contains("say: beach.jpg=2480133,notes.txt=412,sunset.jpg=3170021,extra.txt=5 Summer 2026 webhook");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "schema", "actions", "actions describe", "plugins", "help"})
    void everyCommandAnswersHelpAndHWithItsUsage(String command) {
        for (String help : List.of("--help", "-h")) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add(help);
            Result result = flowhost(args.toArray(String[]::new));

            assertThat(result.exit()).as(command + " " + help + ": " + result.err()).isZero();
            assertThat(result.out()).contains("Usage: flowhost " + command + " ");
            assertThat(result.err()).isEmpty();
        }
    }

    @Test
    void verboseIsAcceptedBeforeAndAfterEveryCommand() {
        for (String verbose : List.of("-v", "--verbose")) {
            assertThat(flowhost(verbose, "schema").exit()).isZero();
            assertThat(flowhost("schema", verbose).exit()).isZero();
            assertThat(flowhost(verbose, "validate", JOBS.resolve("hello.json").toString()).exit()).isZero();
            assertThat(flowhost("actions", "describe", verbose, "core.log").exit()).isZero();
        }
    }

    @Test
    void verboseAddsTheStackTraceOfAPluginThatDidNotLoad() throws Exception {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        PluginJars.writeBytes(plugins.resolve("broken.jar"), "not a zip".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Result quiet = flowhost("actions", "--plugins-dir", plugins.toString());
        Result verbose = flowhost("actions", "--plugins-dir", plugins.toString(), "-v");

        assertThat(quiet.err().lines()).singleElement().asString().startsWith("flowhost: skipped plugin ");
        assertThat(verbose.err()).startsWith(quiet.err()).contains("java.util.zip.ZipException", "\tat ");
    }

    @Test
    void unknownCommandsAndActionsSuggestTheNearestNames() {
        assertThat(flowhost("valdate", "x.json").err()).isEqualTo("""
                flowhost: unknown command 'valdate'; did you mean 'validate'?
                Try 'flowhost --help' for more information.
                """);
        assertThat(flowhost("actions", "descibe", "core.log").err()).isEqualTo("""
                flowhost: unknown command 'actions descibe'; did you mean 'actions describe'?
                Try 'flowhost actions --help' for more information.
                """);
        Result nothingNear = flowhost("frobnicate");
        assertThat(nothingNear.exit()).isEqualTo(2);
        assertThat(nothingNear.err().lines().findFirst().orElseThrow())
                .startsWith("flowhost: unknown command 'frobnicate'; commands: run, serve, tasks, logs, rerun, cancel, validate, "
                        + "schema, actions, plugins, new-plugin, config, help");
        Result action = flowhost("actions", "describe", "core.lgo");
        assertThat(action.exit()).isEqualTo(2);
        assertThat(action.err()).startsWith("flowhost: unknown action 'core.lgo'; did you mean 'core.log'?; known core actions: [core.artifact,");
    }

    @Test
    void versionNamesTheHost() {
        assertThat(flowhost("--version").out()).startsWith("flowhost 0.1.0\n")
                .contains("\nJavaScript: GraalJS, interpreter (FLOWHOST_JIT=1 for the optimizing runtime)");
    }
}
