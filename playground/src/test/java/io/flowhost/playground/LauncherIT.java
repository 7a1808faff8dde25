package io.flowhost.playground;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./flowhost} launcher as a newcomer meets it: a real process, the built jars, the
 * sample jobs. Runs after {@code package} (failsafe), with rebuilding switched off so that it tests
 * the jars this build made.
 */
class LauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("flowhost.root"));

    record Result(int exit, String out, String err) {}

    private static Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(ROOT.resolve("flowhost").toString());
        builder.command().addAll(List.of(args));
        builder.directory(ROOT.toFile());
        builder.environment().put("FLOWHOST_REBUILD", "never");
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void readmeFirstCommandRunsTheSampleJobThroughThePluginJar() throws Exception {
        Result result = launch(Map.of(), "run", "scripts/jobs/sort-inbox.json");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("small: notes.txt, todo.md")
                .contains("big: essay.txt (3.2 KiB), report.csv (1.8 KiB)")
                .contains("succeeded");
    }

    @Test
    void versionNamesTheHostVersion() throws Exception {
        Result result = launch(Map.of(), "--version");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("flowhost 0.1.0");
    }

    @Test
    void withoutASuitableJdkItSaysWhatToInstallAndExits2() throws Exception {
        Result result = launch(Map.of("JAVA_HOME", "", "FLOWHOST_JDK_SEARCH", "/nonexistent/*/"), "--version");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("flowhost: no JDK 21 or newer found (checked JAVA_HOME and "
                + "/usr/lib/jvm); install one, e.g. 'apt-get install openjdk-25-jdk' or Temurin 25, or set JAVA_HOME");
    }

    @Test
    void evalAndThePipedPlaygroundWorkThroughTheLauncher() throws Exception {
        Result eval = launch(Map.of(), "eval", "-m", "scripts/messages/photos.json", "{{ humanBytes(node.size) }}");

        assertThat(eval.exit()).as(eval.err()).isZero();
        assertThat(eval.out()).isEqualTo("2.4 MiB\n");
    }
}
