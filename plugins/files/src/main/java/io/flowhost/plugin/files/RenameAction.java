package io.flowhost.plugin.files;

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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** {@code files.rename}: gives one file a new name in its folder. */
@Extension
public final class RenameAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("files.rename")
                .label("Rename a file")
                .summary("Renames one file within its folder; its node follows")
                .description("""
                        Renames 'path', or else the message's single node, to 'name' in the same folder ('name' \
                        is a file name, without '/'). An existing file of that name fails the step unless 'exists' \
                        is "overwrite". To rename many files, run it in a forEach over the nodes.""")
                .param(ParamSpec.string("path", "The file; by default the message's single node"))
                .param(ParamSpec.string("name", "The new file name, e.g. {{ stem(node.name) }}.bak").asRequired())
                .param(ParamSpec.string("exists", "When a file has the new name: \"fail\" or \"overwrite\"")
                        .withDefault("fail").withAllowed("fail", "overwrite"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        FileRoots roots = FileRoots.of(context.settings(), "files");
        FileNodes.Target target = FileNodes.single(context, roots, "path", "files.rename renames one file",
                "rename each node");
        String name = context.params().string("name");
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'name' must be a file name without '/', not '" + name + "'");
        }
        Path destination = roots.resolve(target.path().resolveSibling(name).toString());
        if (Files.exists(destination) && context.params().string("exists").equals("fail")) {
            return StepResult.failed("'" + destination + "' exists; set exists to \"overwrite\"");
        }
        Files.move(target.path(), destination, StandardCopyOption.REPLACE_EXISTING);
        Node renamed = FileNodes.node(destination, target.node());
        List<Node> nodes = new ArrayList<>();
        boolean replaced = false;
        for (Node node : context.message().nodes()) {
            if (!replaced && node.path().equals(target.node() == null ? target.path().toString() : target.node().path())) {
                nodes.add(renamed);
                replaced = true;
            } else {
                nodes.add(node);
            }
        }
        if (!replaced) {
            nodes.add(renamed);
        }
        return StepResult.ok(destination.toString()).withMessage(context.message().withNodes(nodes));
    }
}
