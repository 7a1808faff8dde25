package io.flowhost.plugin.files;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** {@code files.stat}: refreshes nodes from their files. */
@Extension
public final class StatAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("files.stat")
                .label("Stat files")
                .summary("Refreshes nodes with their files' size, time and kind; reports which exist")
                .description("""
                        For 'paths', or else every node of the message: reads the file's size, mtime and meta.dir \
                        into its node (meta kept). The nodes become the files that exist; the output lists \
                        {"path", "exists"} for each one asked about. A missing file fails the step unless \
                        'missing' is "skip".""")
                .param(ParamSpec.any("paths", "A path or an array of paths; by default the message's nodes"))
                .param(ParamSpec.string("missing", "A missing file: \"fail\" the step or \"skip\" it")
                        .withDefault("fail").withAllowed("fail", "skip"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        FileRoots roots = FileRoots.of(context.settings(), "files");
        boolean skip = context.params().string("missing").equals("skip");
        List<Node> nodes = new ArrayList<>();
        ArrayNode report = JsonNodeFactory.instance.arrayNode();
        for (FileNodes.Target target : FileNodes.targets(context, roots, "paths")) {
            boolean exists = Files.exists(target.path());
            report.addObject().put("path", target.path().toString()).put("exists", exists);
            if (exists) {
                nodes.add(FileNodes.node(target.path(), target.node()));
            } else if (!skip) {
                return StepResult.failed("'" + target.path() + "' does not exist");
            }
        }
        return StepResult.ok(report).withMessage(context.message().withNodes(nodes));
    }
}
