package io.flowhost.plugin.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowhost.api.Action;
import io.flowhost.api.Node;
import io.flowhost.testkit.ActionRun;
import io.flowhost.testkit.ActionTester;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveActionsTest {
    @TempDir
    Path root;

    private ActionRun run(Action action, String params) throws Exception {
        return ActionTester.of(action).withSettings("{\"roots\": [\"" + root + "\"]}").run(params);
    }

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(root.resolve("docs/deep"));
        Files.writeString(root.resolve("docs/a.txt"), "alpha");
        Files.writeString(root.resolve("docs/deep/b.txt"), "beta");
    }

    private Path zip(String name, String entry, byte[] content, int copies) throws Exception {
        Path file = root.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < copies; i++) {
                zip.putNextEntry(new ZipEntry(copies == 1 ? entry : i + "-" + entry));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void zipAndUnzipRoundTripAFolder() throws Exception {
        ActionRun packed = run(new ZipAction(), "{\"paths\": \"docs\", \"to\": \"out/docs.zip\"}");
        assertThat(packed.result().json().get("entries").asInt()).isEqualTo(2);
        assertThat(packed.message().nodes()).extracting(Node::name).containsExactly("docs.zip");

        ActionRun unpacked = run(new UnzipAction(), "{\"path\": \"out/docs.zip\", \"to\": \"restored\"}");

        assertThat(root.resolve("restored/docs/a.txt")).hasContent("alpha");
        assertThat(root.resolve("restored/docs/deep/b.txt")).hasContent("beta");
        assertThat(unpacked.message().nodes()).extracting(Node::name).containsExactly("a.txt", "b.txt");
        assertThat(unpacked.result().json().get("bytes").asInt()).isEqualTo(9);
    }

    @Test
    void tarGzRoundTripsRelativeToABase() throws Exception {
        run(new TarAction(), "{\"paths\": [\"docs/a.txt\", \"docs/deep\"], \"base\": \"docs\", \"to\": \"docs.tar.gz\"}");

        run(new UntarAction(), "{\"path\": \"docs.tar.gz\", \"to\": \"back\"}");

        assertThat(root.resolve("back/a.txt")).hasContent("alpha");
        assertThat(root.resolve("back/deep/b.txt")).hasContent("beta");
        assertThatThrownBy(() -> run(new UntarAction(), "{\"path\": \"docs.tar.gz\", \"to\": \"back\"}"))
                .hasMessage("'" + root.resolve("back/a.txt") + "' exists; set overwrite to replace it");
    }

    @Test
    void zipSlipIsRefusedAndNothingIsWritten() throws Exception {
        zip("slip.zip", "../evil.txt", "owned".getBytes(), 1);

        assertThatThrownBy(() -> run(new UnzipAction(), "{\"path\": \"slip.zip\", \"to\": \"x\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'slip.zip' is refused: its entry '../evil.txt' would land outside '" + root.resolve("x")
                        + "' (zip-slip)");
        assertThat(root.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void zipBombsAreRefusedWithTheLimitAndItsValue() throws Exception {
        Path bomb = zip("bomb.zip", "zeros.bin", new byte[4 * 1024 * 1024], 1);
        long size = Files.size(bomb);

        assertThatThrownBy(() -> run(new UnzipAction(), "{\"path\": \"bomb.zip\", \"to\": \"b1\"}"))
                .hasMessage("'bomb.zip' is refused as an archive bomb: it unpacks to entry 'zeros.bin' grows over 100 "
                        + "times the archive's " + size + " bytes (limit maxRatio 100)");
        assertThat(root.resolve("b1/zeros.bin")).doesNotExist();
        assertThatThrownBy(() -> run(new UnzipAction(), "{\"path\": \"bomb.zip\", \"to\": \"b2\", \"maxRatio\": 100000, "
                + "\"maxBytes\": 1048576}"))
                .hasMessage("'bomb.zip' is refused as an archive bomb: it unpacks to more than 1048576 bytes in all "
                        + "(limit maxBytes 1048576)");
        zip("many.zip", "e.txt", "x".getBytes(), 5);
        assertThatThrownBy(() -> run(new UnzipAction(), "{\"path\": \"many.zip\", \"to\": \"b3\", \"maxEntries\": 3}"))
                .hasMessage("'many.zip' is refused as an archive bomb: it unpacks to more than 3 entries (limit maxEntries 3)");
        assertThat(root.resolve("b3")).isEmptyDirectory();
    }

    @Test
    void archivesOutsideTheRootsAreRefused() {
        assertThatThrownBy(() -> run(new ZipAction(), "{\"paths\": \"docs\", \"to\": \"/tmp/elsewhere.zip\"}"))
                .hasMessage("path '/tmp/elsewhere.zip' is outside the allowed roots [" + root
                        + "] (host configuration: plugins.archive.roots)");
    }
}
