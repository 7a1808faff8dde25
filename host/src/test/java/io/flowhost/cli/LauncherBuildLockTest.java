package io.flowhost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./flowhost} launcher started several times at once after a source changed: one build,
 * the others wait for it and then find nothing to do. The checkout is a copy of the launcher with a
 * stand-in {@code mvn} that takes a second, notices a build running beside it, and "builds" a tiny
 * jar whose {@code io.flowhost.cli.Flowhost} prints its arguments: the launcher's logic is real, the
 * build is not, so the test takes seconds.
 */
class LauncherBuildLockTest {
    private static final Path ROOT = Path.of(System.getProperty("flowhost.root", ".."));
    private static final int LAUNCHERS = 6;

    @TempDir
    Path dir;

    private Path checkout;
    private Path buildLog;

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A jar whose main class, where the launcher looks for it, prints "fake flowhost" and its arguments. */
    private Path fakeCliJar() throws IOException {
        Path src = Files.createDirectories(dir.resolve("fake/src/io/flowhost/cli"));
        Path classes = Files.createDirectories(dir.resolve("fake/classes"));
        Files.writeString(src.resolve("Flowhost.java"), """
                package io.flowhost.cli;
                public class Flowhost {
                    public static void main(String[] args) {
                        System.out.println("fake flowhost " + String.join(" ", args));
                    }
                }
                """);
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-d", classes.toString(), src.resolve("Flowhost.java").toString());
        assertThat(javac).isZero();
        Path jar = dir.resolve("fake/flowhost.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
            entries.putNextEntry(new JarEntry("io/flowhost/cli/Flowhost.class"));
            entries.write(Files.readAllBytes(classes.resolve("io/flowhost/cli/Flowhost.class")));
            entries.closeEntry();
        }
        return jar;
    }

    private void prepareCheckout() throws IOException {
        checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.createDirectories(checkout.resolve("bin"));
        Files.copy(ROOT.resolve("flowhost"), checkout.resolve("flowhost"));
        Files.copy(ROOT.resolve("bin/find-jdk"), checkout.resolve("bin/find-jdk"));
        Files.createDirectories(checkout.resolve("host/src/main/java"));
        Files.writeString(checkout.resolve("host/src/main/java/Source.java"), "class Source {}\n");
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        buildLog = dir.resolve("builds.log");
        Path fakeBin = Files.createDirectories(dir.resolve("fake/bin"));
        executable(fakeBin.resolve("mvn"), """
                #!/bin/sh
                # A stand-in for 'mvn package': slow enough for launchers to meet, and it notes any company.
                mkdir "$FAKE_BUILD_LOG.running" 2>/dev/null || echo "overlap" >> "$FAKE_BUILD_LOG"
                echo "build" >> "$FAKE_BUILD_LOG"
                sleep 1
                mkdir -p host/target playground/target plugins
                cp "$FAKE_JAR" host/target/flowhost-host.jar
                cp "$FAKE_JAR" playground/target/flowhost-playground.jar
                touch plugins/core-0.1.0.jar
                rmdir "$FAKE_BUILD_LOG.running" 2>/dev/null || true
                """);
    }

    private Process launch(Path fakeJar) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(checkout.resolve("flowhost").toString(), "--version")
                .directory(checkout.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("PATH", dir.resolve("fake/bin") + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("FLOWHOST_AOT", "off");
        builder.environment().remove("FLOWHOST_REBUILD");
        builder.environment().put("FAKE_BUILD_LOG", buildLog.toString());
        builder.environment().put("FAKE_JAR", fakeJar.toString());
        return builder.start();
    }

    private static String finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private List<String> builds() throws IOException {
        return Files.exists(buildLog) ? Files.readAllLines(buildLog) : List.of();
    }

    @Test
    void launchersStartedTogetherAfterASourceChangeBuildOnceAndAllRun() throws Exception {
        assertThat(System.getProperty("os.name").toLowerCase(Locale.ROOT)).doesNotContain("windows");
        Path fakeJar = fakeCliJar();
        prepareCheckout();
        assertThat(finish(launch(fakeJar))).endsWith("fake flowhost --version\n");
        assertThat(builds()).containsExactly("build");
        // a source saved after the last build: both times in the past, so that the next build is newer
        Instant now = Instant.now();
        Files.setLastModifiedTime(checkout.resolve("host/target/.built-by-launcher"), FileTime.from(now.minusSeconds(20)));
        Files.setLastModifiedTime(checkout.resolve("host/src/main/java/Source.java"), FileTime.from(now.minusSeconds(10)));

        List<Process> launchers = new ArrayList<>();
        for (int i = 0; i < LAUNCHERS; i++) {
            launchers.add(launch(fakeJar));
        }
        for (Process launcher : launchers) {
            assertThat(finish(launcher)).endsWith("fake flowhost --version\n");
        }

        assertThat(builds()).containsExactly("build", "build");
        assertThat(finish(launch(fakeJar))).doesNotContain("building");
        assertThat(builds()).hasSize(2);
    }
}
