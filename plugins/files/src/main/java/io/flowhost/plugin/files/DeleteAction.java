package io.flowhost.plugin.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.pf4j.Extension;

/** {@code files.delete}. */
@Extension
public final class DeleteAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("files.delete")
                .label("Delete files")
                .summary("Deletes files (and, with recursive, folders); their nodes leave the message")
                .description("""
                        Deletes 'paths', or else every node of the message. A folder is deleted only with \
                        'recursive' (with everything in it, links not followed) or when empty. A missing file \
                        fails the step unless 'missing' is "skip". The roots themselves are never deleted. \
                        The output is {"deleted": N}.""")
                .param(ParamSpec.any("paths", "A path or an array of paths; by default the message's nodes"))
                .param(ParamSpec.bool("recursive", "Delete folders with what they hold").withDefault(false))
                .param(ParamSpec.string("missing", "A missing file: \"fail\" the step or \"skip\" it")
                        .withDefault("fail").withAllowed("fail", "skip"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        FileRoots roots = FileRoots.of(context.settings(), "files");
        boolean recursive = context.params().bool("recursive");
        boolean skip = context.params().string("missing").equals("skip");
        Set<String> deleted = new HashSet<>();
        int count = 0;
        for (FileNodes.Target target : FileNodes.targets(context, roots, "paths")) {
            context.checkCancelled();
            Path path = target.path();
            if (roots.all().contains(path)) {
                return StepResult.failed("'" + path + "' is an allowed root: it is never deleted");
            }
            if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (!skip) {
                    return StepResult.failed("'" + path + "' does not exist");
                }
                continue;
            }
            if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS) && recursive) {
                try (Stream<Path> tree = Files.walk(path)) {
                    for (Path inside : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(inside);
                    }
                }
            } else {
                try {
                    Files.delete(path);
                } catch (java.nio.file.DirectoryNotEmptyException e) {
                    return StepResult.failed("'" + path + "' is a folder that is not empty; set recursive to delete it "
                            + "with what it holds");
                }
            }
            deleted.add(target.node() == null ? path.toString() : target.node().path());
            count++;
        }
        List<Node> kept = new ArrayList<>(context.message().nodes());
        kept.removeIf(node -> deleted.contains(node.path()));
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("deleted", count))
                .withMessage(context.message().withNodes(kept));
    }
}
