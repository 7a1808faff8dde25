package io.flowhost.plugin.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowhost.api.Action;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.api.StepResult;
import io.flowhost.testkit.ActionRun;
import io.flowhost.testkit.ActionTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesActionsTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    private String settings;

    @BeforeEach
    void files() throws Exception {
        settings = "{\"roots\": [\"" + root + "\"]}";
        Files.createDirectories(root.resolve("in/sub"));
        Files.writeString(root.resolve("in/a.txt"), "alpha");
        Files.writeString(root.resolve("in/b.csv"), "x,y\n1,2\n");
        Files.writeString(root.resolve("in/sub/c.txt"), "gamma");
        Files.writeString(outside.resolve("secret.txt"), "not yours");
    }

    private ActionTester tester(Action action) {
        return ActionTester.of(action).withSettings(settings);
    }

    private ActionRun run(Action action, String params) throws Exception {
        return tester(action).run(params);
    }

    private ActionRun run(Action action, Message message, String params) throws Exception {
        return tester(action).withMessage(message).run(params);
    }

    private static List<String> names(ActionRun run) {
        return run.message().nodes().stream().map(Node::name).toList();
    }

    @Test
    void listMatchesAGlobInTheFolderOrTheWholeTree() throws Exception {
        assertThat(names(run(new ListAction(), "{\"folder\": \"in\", \"glob\": \"*.txt\"}"))).containsExactly("a.txt");
        ActionRun all = run(new ListAction(), "{\"folder\": \"" + root.resolve("in") + "\", \"glob\": \"**.txt\", \"recursive\": true}");
        assertThat(names(all)).containsExactly("a.txt", "c.txt");
        assertThat(all.message().nodes().get(0).size()).isEqualTo(5L);
        assertThat(all.result().json().get("count").asInt()).isEqualTo(2);
    }

    @Test
    void pathsOutsideTheRootsAreRefusedWithOneLineNamingThePathAndTheRoots() throws Exception {
        Files.createSymbolicLink(root.resolve("in/escape"), outside);
        Files.createSymbolicLink(root.resolve("in/link.txt"), outside.resolve("secret.txt"));

        assertThatThrownBy(() -> run(new ReadAction(), "{\"path\": \"../etc/passwd\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path '../etc/passwd' is refused: '..' is not allowed (roots: [" + root + "])");
        assertThatThrownBy(() -> run(new ReadAction(), "{\"path\": \"" + outside.resolve("secret.txt") + "\"}"))
                .hasMessage("path '" + outside.resolve("secret.txt") + "' is outside the allowed roots [" + root
                        + "] (host configuration: plugins.files.roots)");
        assertThatThrownBy(() -> run(new ReadAction(), "{\"path\": \"in/link.txt\"}"))
                .hasMessage("path 'in/link.txt' leads outside the allowed roots [" + root + "] through a symbolic link");
        assertThatThrownBy(() -> run(new WriteAction(), "{\"path\": \"in/escape/new.txt\", \"content\": \"x\"}"))
                .hasMessage("path 'in/escape/new.txt' leads outside the allowed roots [" + root + "] through a symbolic link");
        assertThatThrownBy(() -> run(new CopyAction(), "{\"paths\": \"in/a.txt\", \"to\": \"" + outside + "\"}"))
                .hasMessage("path '" + outside + "' is outside the allowed roots [" + root
                        + "] (host configuration: plugins.files.roots)");
        Message stolen = Message.empty().withNodes(List.of(Node.of(outside.resolve("secret.txt").toString())));
        assertThatThrownBy(() -> run(new DeleteAction(), stolen, "{}")).hasMessageContaining("is outside the allowed roots");
        assertThat(names(run(new ListAction(), "{\"folder\": \"in\"}"))).containsExactly("a.txt", "b.csv");
        assertThat(outside.resolve("secret.txt")).exists();
        // the links go before JUnit cleans up, which would otherwise warn that they point outside its folder
        Files.delete(root.resolve("in/escape"));
        Files.delete(root.resolve("in/link.txt"));
    }

    @Test
    void withoutConfiguredRootsOnlyTheWorkingFolderIsAllowed() {
        assertThatThrownBy(() -> ActionTester.of(new ReadAction()).run("{\"path\": \"" + outside.resolve("secret.txt") + "\"}"))
                .hasMessage("path '" + outside.resolve("secret.txt") + "' is outside the allowed roots ["
                        + Path.of("").toAbsolutePath() + "] (host configuration: plugins.files.roots)");
    }

    @Test
    void readGivesTextOrBase64WithinItsLimit() throws Exception {
        assertThat(run(new ReadAction(), "{\"path\": \"in/a.txt\"}").result().string()).isEqualTo("alpha");
        assertThat(run(new ReadAction(), "{\"path\": \"in/a.txt\", \"as\": \"bytes\"}").result().json().get("base64").asText())
                .isEqualTo("YWxwaGE=");
        assertThat(run(new ReadAction(), "{\"path\": \"in/a.txt\", \"maxBytes\": 4}").result())
                .isEqualTo(StepResult.failed("'" + root.resolve("in/a.txt") + "' is 5 bytes, over maxBytes 4"));
        assertThat(run(new ReadAction(), "{\"path\": \"in/a.txt\", \"var\": \"text\"}").message().var("text").orElseThrow().asText())
                .isEqualTo("alpha");
    }

    @Test
    void writeCreatesTheFileAndRefusesToOverwriteUnlessTold() throws Exception {
        ActionRun written = run(new WriteAction(), "{\"path\": \"out/new.txt\", \"content\": \"hello\"}");

        assertThat(root.resolve("out/new.txt")).hasContent("hello");
        assertThat(names(written)).containsExactly("new.txt");
        assertThat(run(new WriteAction(), "{\"path\": \"out/new.txt\", \"content\": \"x\"}").result().error())
                .isEqualTo("'" + root.resolve("out/new.txt") + "' exists; set exists to \"overwrite\" or \"append\"");
        run(new WriteAction(), "{\"path\": \"out/new.txt\", \"content\": \" again\", \"exists\": \"append\"}");
        assertThat(root.resolve("out/new.txt")).hasContent("hello again");
    }

    @Test
    void copyMoveRenameDeleteAndMkdirWorkOnTheNodes() throws Exception {
        Message listed = run(new ListAction(), "{\"folder\": \"in\"}").message();

        ActionRun copied = run(new CopyAction(), listed, "{\"to\": \"copies\"}");
        assertThat(root.resolve("copies/a.txt")).hasContent("alpha");
        assertThat(copied.message().nodes()).extracting(Node::path)
                .containsExactly(root.resolve("copies/a.txt").toString(), root.resolve("copies/b.csv").toString());

        ActionRun moved = run(new MoveAction(), copied.message(), "{\"to\": \"moved\"}");
        assertThat(root.resolve("copies/a.txt")).doesNotExist();
        assertThat(root.resolve("moved/b.csv")).exists();

        Message one = moved.message().withNodes(List.of(moved.message().nodes().get(0)));
        ActionRun renamed = run(new RenameAction(), one, "{\"name\": \"first.txt\"}");
        assertThat(root.resolve("moved/first.txt")).hasContent("alpha");
        assertThat(names(renamed)).containsExactly("first.txt");
        assertThatThrownBy(() -> run(new RenameAction(), moved.message(), "{\"name\": \"x\"}"))
                .hasMessage("files.rename renames one file and the message has 2 nodes: give 'path', or rename each node in a forEach");

        ActionRun deleted = run(new DeleteAction(), renamed.message(), "{}");
        assertThat(root.resolve("moved/first.txt")).doesNotExist();
        assertThat(deleted.message().nodes()).isEmpty();
        assertThat(run(new DeleteAction(), "{\"paths\": \"moved\"}").result().error()).isEqualTo("'" + root.resolve("moved")
                + "' is a folder that is not empty; set recursive to delete it with what it holds");
        assertThat(run(new DeleteAction(), "{\"paths\": \"moved\", \"recursive\": true}").result().json().get("deleted").asInt())
                .isEqualTo(1);
        assertThat(run(new DeleteAction(), "{\"paths\": \"" + root + "\", \"recursive\": true}").result().error())
                .isEqualTo("'" + root + "' is an allowed root: it is never deleted");

        assertThat(run(new MkdirAction(), "{\"path\": \"a/b/c\"}").result().string()).isEqualTo(root.resolve("a/b/c").toString());
        assertThat(root.resolve("a/b/c")).isDirectory();
    }

    @Test
    void hashPutsTheDigestIntoEachNodesMeta() throws Exception {
        Message listed = run(new ListAction(), "{\"folder\": \"in\"}").message();

        ActionRun hashed = run(new HashAction(), listed, "{}");
        ActionRun md5 = run(new HashAction(), listed, "{\"algorithm\": \"md5\"}");

        assertThat(hashed.message().nodes().get(0).meta().get("sha256").asText())
                .isEqualTo("8ed3f6ad685b959ead7022518e1af76cd816f8e8ec7ccdda1ed4018e8f2223f8");
        assertThat(md5.message().nodes().get(0).meta().get("md5").asText()).isEqualTo("2c1743a391305fbf367df8e4f069f9f9");
        assertThat(hashed.message().nodes().get(0).meta().get("dir").asBoolean()).isFalse();
    }

    @Test
    void statRefreshesNodesAndReportsMissingFiles() throws Exception {
        Message stale = Message.empty().withNodes(List.of(Node.of(root.resolve("in/a.txt").toString()),
                Node.of(root.resolve("in/gone.txt").toString())));

        assertThat(run(new StatAction(), stale, "{}").result().error()).isEqualTo("'" + root.resolve("in/gone.txt") + "' does not exist");
        ActionRun skipped = run(new StatAction(), stale, "{\"missing\": \"skip\"}");
        assertThat(skipped.message().nodes()).singleElement().satisfies(node -> assertThat(node.size()).isEqualTo(5L));
        assertThat(skipped.result().json().toString())
                .isEqualTo("[{\"path\":\"" + root.resolve("in/a.txt") + "\",\"exists\":true},{\"path\":\""
                        + root.resolve("in/gone.txt") + "\",\"exists\":false}]");
    }

    @Test
    void waitForFindsAFileThatIsThereAndGivesUpOnOneThatNeverComes() throws Exception {
        assertThat(names(run(new WaitForAction(), "{\"path\": \"in/*.csv\", \"timeout\": \"1s\", \"poll\": \"10ms\"}")))
                .containsExactly("b.csv");
        assertThat(run(new WaitForAction(), "{\"path\": \"in/never.done\", \"timeout\": \"50ms\", \"poll\": \"10ms\"}").result())
                .isEqualTo(StepResult.failed("'in/never.done' did not appear within 50ms"));
    }

    @Test
    void everyActionIsDocumented() {
        for (Action action : List.of(new ListAction(), new StatAction(), new ReadAction(), new WriteAction(), new CopyAction(),
                new MoveAction(), new RenameAction(), new DeleteAction(), new MkdirAction(), new HashAction(),
                new WaitForAction())) {
            var d = action.descriptor();
            assertThat(d.id()).startsWith("files.");
            assertThat(d.summary()).as(d.id()).isNotBlank();
            assertThat(d.description()).as(d.id()).isNotBlank();
            assertThat(d.params()).as(d.id()).allSatisfy(p -> assertThat(p.summary()).isNotBlank());
        }
    }
}
