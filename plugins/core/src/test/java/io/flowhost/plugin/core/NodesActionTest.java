package io.flowhost.plugin.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.testkit.ActionTester;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodesActionTest {
    private static final Instant MTIME = Instant.parse("2026-01-02T03:04:05Z");

    private final NodesAction nodes = new NodesAction();

    @TempDir
    Path root;

    @BeforeEach
    void files() throws IOException {
        file("in/b.jpg", "bb");
        file("in/a.jpg", "a");
        file("in/notes.txt", "text");
        file("in/deep/c.jpg", "ccc");
        file("in/deep/deeper/d.jpg", "dddd");
        file("[old]/e.jpg", "eeeee");
        Files.setLastModifiedTime(root.resolve("in/deep"), FileTime.from(MTIME));
    }

    @Test
    void globMatchesWithinOneFolderWithRealStatData() throws Exception {
        StepResult result = run("{\"paths\": \"" + root + "/in/*.jpg\"}");

        assertThat(result.json().toString()).isEqualTo("{\"count\":2}");
        List<Node> found = result.changedMessage().orElseThrow().nodes();
        assertThat(found).extracting(Node::path).containsExactly(path("in/a.jpg"), path("in/b.jpg"));
        Node a = found.get(0);
        assertThat(a.name()).isEqualTo("a.jpg");
        assertThat(a.size()).isEqualTo(1L);
        assertThat(a.mtime()).isEqualTo(MTIME);
        assertThat(a.meta().toString()).isEqualTo("{\"dir\":false}");
    }

    @Test
    void doubleStarCrossesFoldersIncludingNone() throws Exception {
        List<Node> found = nodes("{\"paths\": \"in/**/*.jpg\", \"base\": \"" + root + "\"}");

        assertThat(found).extracting(Node::path).containsExactly(
                path("in/a.jpg"), path("in/b.jpg"), path("in/deep/c.jpg"), path("in/deep/deeper/d.jpg"));
    }

    @Test
    void plainPathsAndFoldersAreNodesAndDuplicatesCountOnce() throws Exception {
        List<Node> found = nodes("{\"paths\": [\"in/deep\", \"in/a.jpg\", \"in/*.jpg\"], \"base\": \"" + root + "\"}");

        assertThat(found).extracting(Node::path).containsExactly(path("in/a.jpg"), path("in/b.jpg"), path("in/deep"));
        Node dir = found.get(2);
        assertThat(dir.size()).isNull();
        assertThat(dir.mtime()).isEqualTo(MTIME);
        assertThat(dir.meta().toString()).isEqualTo("{\"dir\":true}");
    }

    @Test
    void folderNamesWithGlobCharactersMatchThemselves() throws Exception {
        assertThat(nodes("{\"paths\": \"" + root + "/\\\\[old\\\\]/*.jpg\"}")).extracting(Node::name).containsExactly("e.jpg");
        assertThat(nodes("{\"paths\": \"*.jpg\", \"base\": \"" + root + "/[old]\"}")).extracting(Node::name).containsExactly("e.jpg");
    }

    @Test
    void missingPlainPathFailsTheStepUnlessSkipped() throws Exception {
        String params = "\"paths\": [\"in/a.jpg\", \"in/nope.jpg\"], \"base\": \"" + root + "\"";

        assertThat(run("{" + params + "}")).isEqualTo(StepResult.failed("'" + path("in/nope.jpg") + "' does not exist"));
        assertThat(nodes("{" + params + ", \"missing\": \"skip\"}")).extracting(Node::name).containsExactly("a.jpg");
    }

    @Test
    void globMatchingNothingIsNotAFailure() throws Exception {
        assertThat(nodes("{\"paths\": [\"nowhere/*.jpg\", \"in/*.png\"], \"base\": \"" + root + "\"}")).isEmpty();
    }

    @Test
    void appendKeepsTheMessageNodesFirst() throws Exception {
        Message input = Message.empty().withNodes(List.of(Node.of("/elsewhere/z.pdf"), Node.of(path("in/b.jpg"))));
        String params = "{\"paths\": \"in/*.jpg\", \"base\": \"" + root + "\", \"mode\": \"append\"}";

        StepResult result = ActionTester.of(nodes).withMessage(input).run(params).result();

        assertThat(result.changedMessage().orElseThrow().nodes()).extracting(Node::path)
                .containsExactly("/elsewhere/z.pdf", path("in/b.jpg"), path("in/a.jpg"));
        assertThat(result.json().toString()).isEqualTo("{\"count\":1}");
    }

    @Test
    void replaceDropsTheMessageNodes() throws Exception {
        Message input = Message.empty().withNodes(List.of(Node.of("/elsewhere/z.pdf")));

        StepResult result = ActionTester.of(nodes).withMessage(input).run("{\"paths\": \"" + root + "/in/a.jpg\"}").result();

        assertThat(result.changedMessage().orElseThrow().nodes()).extracting(Node::path).containsExactly(path("in/a.jpg"));
    }

    @Test
    void invalidGlobIsReported() {
        assertThatThrownBy(() -> run("{\"paths\": \"" + root + "/in/[a.jpg\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + root + "/in/[a.jpg' is not a valid glob: ");
    }

    @Test
    void cancelledStepStopsTheWalk() {
        ActionTester cancelled = ActionTester.of(nodes).withCancellation(() -> true);

        assertThatThrownBy(() -> cancelled.run("{\"paths\": \"" + root + "/**\"}"))
                .isInstanceOf(io.flowhost.api.ActionCancelledException.class);
    }

    private StepResult run(String params) throws Exception {
        return ActionTester.of(nodes).run(params).result();
    }

    private List<Node> nodes(String params) throws Exception {
        StepResult result = run(params);
        assertThat(result.success()).as(result.error()).isTrue();
        return result.changedMessage().orElseThrow().nodes();
    }

    private String path(String relative) {
        return root.resolve(relative).toString();
    }

    private void file(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(MTIME));
    }
}
