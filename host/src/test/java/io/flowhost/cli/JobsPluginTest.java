package io.flowhost.cli;

import static io.flowhost.cli.FlowhostTest.flowhost;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs plugin against the real host: chains that would loop are refused, tasks not waited for still end. */
class JobsPluginTest {
    @TempDir
    Path dir;

    private Path job(String id, String starts, boolean wait) throws Exception {
        return Files.writeString(dir.resolve(id + ".json"), """
                { "id": "%s", "steps": [
                  { "id": "start", "action": "jobs.start", "params": { "job": "%s.json", "wait": %s } } ] }
                """.formatted(id, starts, wait));
    }

    @Test
    void aJobThatStartsItselfIsRefused() throws Exception {
        Path loop = job("loop", "loop", true);

        FlowhostTest.Result result = flowhost("run", loop.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("failed    start (jobs.start)",
                "job 'loop' would start itself again: loop -> loop");
    }

    @Test
    void aChainThatComesBackIsRefusedWhereItWouldLoop() throws Exception {
        Path a = job("a", "b", true);
        job("b", "a", true);

        FlowhostTest.Result result = flowhost("run", a.toString(), "--json");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("step 'start' failed: task ", " of job 'b' failed: step 'start' failed: "
                + "job 'a' would start itself again: a -> b -> a");
    }

    @Test
    void aTaskStartedWithoutWaitingEndsBeforeTheCommand() throws Exception {
        Path parent = job("parent", "child", false);
        Files.writeString(dir.resolve("child.json"), """
                { "id": "child", "steps": [
                  { "id": "nap", "action": "core.sleep", "params": { "duration": "200ms" } },
                  { "id": "write", "action": "files.write", "params": { "path": "%s", "content": "done" } } ] }
                """.formatted(dir.resolve("done.txt")));
        Path config = JobServers.config(dir);

        FlowhostTest.Result result = flowhost("run", parent.toString(), "--config", config.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(dir.resolve("done.txt")).hasContent("done");
    }
}
