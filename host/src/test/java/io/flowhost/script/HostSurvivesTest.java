package io.flowhost.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scripts that would harm the whole JVM, each run by {@link HostProbe} in a fresh JVM, since the
 * harm they aim at (a class broken for the life of the process, a full heap) outlives a test.
 */
class HostSurvivesTest {

    private static String probe(String maxHeap, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-Dpolyglot.engine.WarnInterpreterOnly=false");
        command.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HostProbe.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the probe ended").isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    /**
     * In about one fresh host in two, this broke String.format and engine classes for good. Once the
     * engine's classes are initialised (a server waits for it), no operation and no helper can be
     * broken, however rare.
     */
    @Test
    void aScriptThatExhaustsTheStackBreaksNoClassForLaterTasks() throws Exception {
        for (int jvm = 0; jvm < 2; jvm++) {
            assertThat(probe("1g", "poison")).contains("recursed to depth", "HOST OK");
        }
    }

    /** Sixteen steps allocating a GiB each at once: each fails with a memory error, none keeps it, the host goes on. */
    @Test
    void concurrentGiantAllocationsFailEachAndTheHostGoesOn() throws Exception {
        String output = probe("2g", "hogs", "16", "const b = new ArrayBuffer(2 ** 30); let s = 0; "
                + "for (let i = 0; i < 2e6; i++) s += i; return b.byteLength");
        assertThat(output).contains("HOST OK").doesNotContain("succeeded");
    }

    /** Four steps growing an array without end: the host's memory runs short and each is stopped. */
    @Test
    void steadilyGrowingScriptsAreStoppedWhenMemoryRunsShort() throws Exception {
        String output = probe("512m", "hogs", "4", "const a = []; for (let i = 0; i < 1e8; i++) a.push('item ' + i); "
                + "return a.length");
        assertThat(output).contains("HOST OK");
    }
}
