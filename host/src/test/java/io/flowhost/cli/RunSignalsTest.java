package io.flowhost.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.plugins.PluginJars;
import io.flowhost.store.StoreLocation;
import io.flowhost.store.TaskQuery;
import io.flowhost.store.TaskStore;
import io.flowhost.store.TaskSummary;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code flowhost run} as a real child process, stopped by real signals: SIGTERM ({@link Process#destroy()}),
 * SIGINT ({@code kill -INT}), and SIGKILL, whose leftovers the next run cleans up. Each child gets its
 * own temporary directory, so the scratch folders it leaves are the test's to inspect.
 */
class RunSignalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("flowhost.root", ".."));
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path shared;
    private static Path plugins;

    @TempDir
    Path dir;

    /** A plugin whose actions write into their scratch folder, then hold until cancelled, or forever. */
    @BeforeAll
    static void buildTestPlugin() {
        plugins = shared.resolve("plugins");
        PluginJars.plugin("holding")
                .source("holding.Hold", """
                        package holding;
                        import io.flowhost.api.*;
                        import java.nio.file.Files;
                        @org.pf4j.Extension
                        public final class Hold implements Action {
                          public ActionDescriptor descriptor() {
                            return ActionDescriptor.builder("test.hold").summary("holds until cancelled").build();
                          }
                          public StepResult run(ActionContext context) throws Exception {
                            Files.writeString(context.scratchDir().resolve("held.txt"), context.stepPath());
                            while (!context.isCancelled()) {
                              Thread.sleep(20);
                            }
                            context.checkCancelled();
                            return StepResult.ok();
                          }
                        }
                        """)
                .extension("holding.Hold")
                .source("holding.Stubborn", """
                        package holding;
                        import io.flowhost.api.*;
                        import java.nio.file.Files;
                        @org.pf4j.Extension
                        public final class Stubborn implements Action {
                          public ActionDescriptor descriptor() {
                            return ActionDescriptor.builder("test.stubborn").summary("ignores cancellation").build();
                          }
                          public StepResult run(ActionContext context) throws Exception {
                            Files.writeString(context.scratchDir().resolve("held.txt"), context.stepPath());
                            while (true) {
                              try {
                                Thread.sleep(1000);
                              } catch (InterruptedException ignored) {
                                // on purpose
                              }
                            }
                          }
                        }
                        """)
                .extension("holding.Stubborn")
                .writeTo(plugins.resolve("holding.jar"));
    }

    /** A child {@code flowhost run} and where its output goes. */
    record Child(Process process, Path out, Path err, Path tmp) {
        String stdout() throws IOException {
            return Files.readString(out);
        }

        String stderr() throws IOException {
            return Files.readString(err);
        }

        int exit() throws Exception {
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the child ended").isTrue();
            return process.exitValue();
        }

        /** Waits until {@code count} actions hold in the child's temporary directory (its own and earlier children's). */
        Child holding(int count) throws Exception {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (held(tmp) < count) {
                assertThat(process.isAlive()).as("the child runs: %s", Files.readString(err)).isTrue();
                assertThat(System.nanoTime() - deadline).as("%s actions hold", count).isNegative();
                Thread.sleep(20);
            }
            return this;
        }
    }

    private Child start(Path tmp, String job, String... args) throws IOException {
        Files.createDirectories(tmp);
        Path jobFile = Files.writeString(dir.resolve("job-" + System.nanoTime() + ".json"), job);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dpolyglot.engine.WarnInterpreterOnly=false"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                "io.flowhost.cli.Flowhost", "run", jobFile.toString(),
                "--plugins-dir", ROOT.resolve("plugins").toString(), "--plugins-dir", plugins.toString(),
                "--data-dir", tmp.resolve("data").toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new Child(process, out, err, tmp);
    }

    /** Four nodes, two at a time, each held by {@code action}: two run and two wait when the signal comes. */
    private Child startHolding(Path tmp, String action, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        for (int i = 0; i < 4; i++) {
            all.add("--node");
            all.add(Files.writeString(dir.resolve("n" + i + ".txt"), "node " + i).toString());
        }
        return start(tmp, """
                {"id": "hold", "maxConcurrency": 2, "steps": [
                  {"id": "hello", "action": "core.log", "params": {"message": "hello"}},
                  {"id": "each", "forEach": "nodes", "do": [{"id": "hold", "action": "%s"}]}
                ]}
                """.formatted(action), all.toArray(String[]::new));
    }

    private static long held(Path tmp) throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.filter(f -> f.getFileName().toString().equals("held.txt")).count();
        }
    }

    private static List<String> scratchFolders(Path tmp) throws IOException {
        try (Stream<Path> folders = Files.list(tmp)) {
            return folders.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("flowhost-")).sorted().toList();
        }
    }

    private static void kill(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    /** A process started in the background by a shell without job control ignores SIGINT, and so would the child. */
    private static void assumeSigintIsDelivered() throws IOException {
        String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0").substring(7).trim();
        assumeFalse(new BigInteger(ignored, 16).testBit(1), "this test runs with SIGINT ignored");
    }

    private static void assertCancelledReport(Child child, String reason) throws Exception {
        assertThat(child.stdout()).as("the --json report").isNotBlank();
        JsonNode report = JSON.readTree(child.stdout());
        assertThat(report.get("status").asText()).isEqualTo("cancelled");
        assertThat(report.get("error").asText()).isEqualTo(reason);
        Map<String, String> states = new java.util.TreeMap<>();
        StreamSupport.stream(report.get("steps").spliterator(), false)
                .forEach(s -> states.put(s.get("path").asText(), s.get("status").asText()));
        assertThat(states).containsEntry("hello", "succeeded").containsEntry("each", "cancelled")
                .containsOnlyKeys("hello", "each", "each[0]/hold", "each[1]/hold", "each[2]/hold", "each[3]/hold");
        // the two that held a slot were cancelled, the two waiting for one never started (which two is
        // the slots' business: items are taken in order, but a slot goes to whichever asks first)
        assertThat(states.entrySet()).filteredOn(e -> e.getKey().endsWith("/hold")).extracting(Map.Entry::getValue)
                .containsExactlyInAnyOrder("cancelled", "cancelled", "skipped", "skipped");
        assertThat(child.stderr()).contains(" cancelled in ", ": " + reason + " (2 steps waiting to run did not start)");
    }

    @Test
    void sigtermCancelsTheTaskWhichReportsCleansUpAndExits143() throws Exception {
        Path tmp = dir.resolve("tmp");
        Child child = startHolding(tmp, "test.hold", "--json").holding(2);

        child.process().destroy();

        assertThat(child.exit()).as(child.stderr()).isEqualTo(143);
        assertCancelledReport(child, "cancelled by SIGTERM");
        assertThat(child.stderr()).contains("flowhost: SIGTERM: cancelling the task (again to exit at once)")
                .containsPattern("  cancelled each\\[\\d]/hold \\(test.hold\\) ");
        assertThat(scratchFolders(tmp)).isEmpty();
    }

    @Test
    void ctrlCCancelsTheTaskWhichReportsCleansUpAndExits130() throws Exception {
        assumeSigintIsDelivered();
        Path tmp = dir.resolve("tmp");
        Child child = startHolding(tmp, "test.hold", "--json").holding(2);

        kill("INT", child.process().pid());

        assertThat(child.exit()).as(child.stderr()).isEqualTo(130);
        assertCancelledReport(child, "cancelled by SIGINT");
        assertThat(scratchFolders(tmp)).isEmpty();
    }

    @Test
    void aSecondCtrlCExitsAtOnceWithoutTheReport() throws Exception {
        assumeSigintIsDelivered();
        Child child = startHolding(dir.resolve("tmp"), "test.stubborn", "--json").holding(2);

        // the stubborn actions keep the first Ctrl+C from ending the task for 1 s: the second comes well before
        Process twice = new ProcessBuilder("sh", "-c", "kill -INT $1; sleep 0.2; kill -INT $1 2>/dev/null || true", "sh",
                Long.toString(child.process().pid())).inheritIO().start();
        assertThat(twice.waitFor()).isZero();

        assertThat(child.exit()).isEqualTo(130);
        assertThat(child.stderr()).contains("flowhost: SIGINT: cancelling the task",
                "flowhost: SIGINT again: exiting without the task's report").doesNotContain(" cancelled in ");
        assertThat(child.stdout()).isEmpty();
    }

    @Test
    void flowhostCancelStopsARunInAnotherProcessThroughTheStore() throws Exception {
        Path tmp = dir.resolve("tmp");
        Child child = startHolding(tmp, "test.hold", "--json").holding(2);
        String id = onlyTask(tmp.resolve("data"));

        CommandLine cancel = Flowhost.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cancel.setErr(new java.io.PrintWriter(err));
        int exit = cancel.execute("cancel", id, "--data-dir", tmp.resolve("data").toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).startsWith("flowhost: task " + id + " is running: asked the process that runs it to stop it\n")
                .contains("flowhost: task " + id + " cancelled: cancelled by flowhost cancel");
        assertThat(child.exit()).isEqualTo(1);
        assertThat(JSON.readTree(child.stdout()).get("error").asText()).isEqualTo("cancelled by flowhost cancel");
    }

    private static String onlyTask(Path data) {
        try (TaskStore store = TaskStore.open(StoreLocation.dataFolder(data))) {
            List<TaskSummary> tasks = store.list(TaskQuery.newest(10)).tasks();
            assertThat(tasks).hasSize(1);
            return tasks.get(0).id();
        }
    }

    @Test
    void theNextRunRemovesScratchFoldersOfKilledRunsButNotOfLiveOnes() throws Exception {
        Path tmp = dir.resolve("tmp");
        Child live = startHolding(tmp, "test.hold").holding(2);
        List<String> liveFolders = scratchFolders(tmp);
        Child killed = startHolding(tmp, "test.hold").holding(4);
        killed.process().destroyForcibly();
        killed.exit();
        List<String> left = scratchFolders(tmp).stream().filter(f -> !liveFolders.contains(f)).toList();
        assertThat(left).hasSize(1);

        Child next = start(tmp, """
                {"id": "quick", "steps": [{"id": "say", "action": "core.log", "params": {"message": "hi"}}]}
                """);

        assertThat(next.exit()).as(next.stderr()).isZero();
        assertThat(scratchFolders(tmp)).isEqualTo(liveFolders).hasSize(1);
        assertThat(left.get(0)).as("named after the process, which is how the next run knows it is gone")
                .startsWith("flowhost-" + killed.process().pid() + "-");
        live.process().destroy();
        assertThat(live.exit()).isEqualTo(143);
        assertThat(scratchFolders(tmp)).isEmpty();
    }
}
