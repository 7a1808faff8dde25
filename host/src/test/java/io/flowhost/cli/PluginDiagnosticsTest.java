package io.flowhost.cli;

import static io.flowhost.cli.FlowhostTest.flowhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.plugins.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees of a misbehaving plugin through the command line: the host goes on, -v shows why. */
class PluginDiagnosticsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void systemExitInAnActionFailsItsStepAndTheTaskStillReports() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJars.plugin("quitter").action("com.acme.quit.Quit", "quitter.quit", "exit(() -> System.exit(42))")
                .writeTo(plugins.resolve("quitter.jar"));
        Path job = Files.writeString(dir.resolve("quit.json"), """
                { "id": "quit", "steps": [ { "id": "quit", "action": "quitter.quit" } ] }
                """);

        FlowhostTest.Result result = flowhost("run", job.toString(), "--plugins-dir", plugins.toString(), "--json");

        assertThat(result.exit()).isEqualTo(1);
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.at("/steps/0/error").asText())
                .isEqualTo("System.exit(42) was refused: plugin code cannot end the host's process");
    }

    @Test
    void verbosePrintsTheStackTraceOfAPluginsLoadFailureAndOfAFailedStep() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJars.plugin("ctor").source("com.acme.ctor.Throws", PluginJars.actionSource("com.acme.ctor.Throws", "ctor.throws", "1")
                        .replace("implements Action {", "implements Action { public Throws() { throw new IllegalStateException(\"no\"); }"))
                .extension("com.acme.ctor.Throws")
                .writeTo(plugins.resolve("ctor.jar"));
        PluginJars.plugin("npe").action("com.acme.npe.Npe", "npe.fail", "((String) null).length()")
                .writeTo(plugins.resolve("npe.jar"));
        Path job = Files.writeString(dir.resolve("npe.json"), """
                { "id": "npe", "steps": [ { "id": "boom", "action": "npe.fail" } ] }
                """);

        FlowhostTest.Result quiet = flowhost("run", job.toString(), "--plugins-dir", plugins.toString());
        FlowhostTest.Result verbose = flowhost("run", job.toString(), "--plugins-dir", plugins.toString(), "-v");

        assertThat(quiet.err()).contains("flowhost: skipped plugin " + plugins.resolve("ctor.jar")
                + ": extension com.acme.ctor.Throws cannot be created: IllegalStateException: no")
                .doesNotContain("\tat ");
        assertThat(verbose.err()).contains("java.lang.IllegalStateException: no", "at com.acme.ctor.Throws.<init>",
                "stack trace of boom:", "java.lang.NullPointerException", "at com.acme.npe.Npe.run");
    }
}
