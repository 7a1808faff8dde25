package io.flowhost.playground;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin kit end to end, as a plugin author meets it: {@code flowhost new-plugin} writes a
 * project, its own {@code ./build} builds it (finding a JDK 21+ without JAVA_HOME, where the default
 * {@code java} may be 17, and installing the kit from this checkout the first time), and the jar runs
 * in a job. Maven works in a private local repository under {@code target/}, seeded from
 * {@code ~/.m2} through a file repository, so this build's kit never lands in the shared one.
 */
class NewPluginIT {
    private static final Path ROOT = Path.of(System.getProperty("flowhost.root"));
    private static final Path WORK = ROOT.resolve("playground/target/new-plugin-it");

    record Result(int exit, String out, String err) {}

    @Test
    void aGeneratedPluginBuildsWithItsOwnCommandAndRunsInAJob() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        Path repository = WORK.resolve("m2");
        Path settings = Files.writeString(WORK.resolve("settings.xml"), settings(), StandardCharsets.UTF_8);
        Path project = WORK.resolve("greet");

        Result made = run(List.of(ROOT.resolve("flowhost").toString(), "new-plugin", project.toString(),
                "--id", "greet", "--package", "org.acme.greet"), ROOT, Map.of("FLOWHOST_REBUILD", "never"));
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(made.out()).startsWith("wrote the plugin 'greet' into " + project);

        // JAVA_HOME is unset on purpose: ./build must find a JDK 21+ itself
        Result built = run(List.of(project.resolve("build").toString(), "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository), project, Map.of("JAVA_HOME", ""));
        assertThat(built.exit()).as(built.out() + built.err()).isZero();
        assertThat(built.out()).contains("Tests run: 3, Failures: 0, Errors: 0");
        assertThat(built.err()).contains("installing Flowhost's plugin kit");
        assertThat(repository.resolve("io/flowhost/flowhost-plugin-api/0.1.0/flowhost-plugin-api-0.1.0.jar")).exists();
        assertThat(repository.resolve("io/flowhost/flowhost-host")).doesNotExist();

        Path plugins = Files.createDirectories(WORK.resolve("plugins"));
        Files.copy(project.resolve("target/greet-0.1.0.jar"), plugins.resolve("greet-0.1.0.jar"));
        Result ran = run(List.of(ROOT.resolve("flowhost").toString(), "run", project.resolve("jobs/hello.json").toString(),
                "--plugins-dir", plugins.toString()), ROOT, Map.of("FLOWHOST_REBUILD", "never"));
        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(ran.err()).contains("info      hello: Hello Flowhost", "succeeded hello (greet.hello)");
    }

    /** A settings file whose only repository besides Central is the shared local one, read as a remote. */
    private static String settings() {
        String seed = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
        String repository = "<repository><id>seed</id><url>" + seed + "</url></repository>";
        String pluginRepository = "<pluginRepository><id>seed</id><url>" + seed + "</url></pluginRepository>";
        return "<settings><profiles><profile><id>seed</id><repositories>" + repository + "</repositories>"
                + "<pluginRepositories>" + pluginRepository + "</pluginRepositories></profile></profiles>"
                + "<activeProfiles><activeProfile>seed</activeProfile></activeProfiles></settings>\n";
    }

    private static Result run(List<String> command, Path dir, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
        builder.environment().putAll(env);
        builder.environment().remove("MAVEN_OPTS");
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path out = Files.createTempFile(WORK, "out", ".txt");
        Path err = Files.createTempFile(WORK, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("finished in time: " + command).isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
