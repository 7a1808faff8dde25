package io.flowhost.playground;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionTest {
    @TempDir
    Path dir;

    private static List<String> complete(String line) {
        return new Completion(SessionTest.photos()).complete(line, line.length()).stream().map(Completion.Option::value).toList();
    }

    @Test
    void aColonCompletesCommandsNotHelpers() {
        assertThat(complete(":lo")).containsExactly(":load");
        assertThat(complete(":")).containsExactlyInAnyOrderElementsOf(Commands.NAMES);
        assertThat(complete("  :sa")).containsExactly(":save", ":save!");
    }

    @Test
    void fileCommandsCompleteRealPaths() throws Exception {
        Files.createDirectories(dir.resolve("messages"));
        Files.writeString(dir.resolve("messages/photos.json"), "{}");
        Files.writeString(dir.resolve("mes.txt"), "");

        assertThat(new Completion(SessionTest.photos()).complete(":load " + dir + "/mes", (":load " + dir + "/mes").length()))
                .containsExactly(new Completion.Option(dir + "/mes.txt", true), new Completion.Option(dir + "/messages/", false));
        assertThat(complete(":load " + dir + "/messages/")).containsExactly(dir + "/messages/photos.json");
        assertThat(complete(":node " + dir + "/nothing")).isEmpty();
        assertThat(complete(":save " + dir + "/m")).containsExactly(dir + "/mes.txt", dir + "/messages/");
    }

    @Test
    void expressionsCompleteScopeNamesHelpersAndFieldsAsJavaScriptWritesThem() {
        assertThat(complete("{{ no")).containsExactly("node", "nodes", "now");
        assertThat(complete("{{ node.")).containsExactly("node.meta", "node.mtime", "node.name", "node.path", "node.size");
        assertThat(complete("{{ nodes[0].na")).containsExactly("nodes[0].name");
        assertThat(complete("{{nodes[2].meta.c")).containsExactly("{{nodes[2].meta.camera");
        assertThat(complete("{{ nodes.0.")).isEmpty();
        assertThat(complete("{{ nodes.fi")).containsExactly("nodes.filter", "nodes.find");
        assertThat(complete("{{ vars.al")).containsExactly("vars.album");
        assertThat(complete("{{ node.name.sp")).containsExactly("node.name.split");
        assertThat(complete("{{ humanB")).containsExactly("humanBytes");
    }

    @Test
    void commandArgumentsCompleteTheirWords() {
        assertThat(complete(":mode j")).containsExactly("js");
        assertThat(complete(":live o")).containsExactly("off", "on");
        assertThat(complete(":try humanB")).containsExactly("humanBytes");
        assertThat(complete(":doc Arr")).contains("Array", "Array.map");
    }
}
