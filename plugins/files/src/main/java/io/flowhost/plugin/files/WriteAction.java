package io.flowhost.plugin.files;

import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.pf4j.Extension;

/** {@code files.write}: writes text or Base64 content into a file. */
@Extension
public final class WriteAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("files.write")
                .label("Write a file")
                .summary("Writes text or Base64 content into a file and adds it to the nodes")
                .description("""
                        Writes 'content' into 'path' (its folder is created), as UTF-8 text or, with encoding \
                        "base64", as the bytes it decodes to. An existing file fails the step unless 'exists' is \
                        "overwrite" or "append". The written file is appended to the message's nodes and is the \
                        output's json {"path", "size"}.""")
                .param(ParamSpec.string("path", "The file to write").asRequired())
                .param(ParamSpec.string("content", "What to write").asRequired())
                .param(ParamSpec.string("encoding", "\"text\" (UTF-8) or \"base64\"").withDefault("text").withAllowed("text", "base64"))
                .param(ParamSpec.string("exists", "When the file exists: \"fail\", \"overwrite\" or \"append\"")
                        .withDefault("fail").withAllowed("fail", "overwrite", "append"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        Path file = FileRoots.of(context.settings(), "files").resolve(context.params().string("path"));
        String content = context.params().string("content");
        byte[] bytes;
        if (context.params().string("encoding").equals("base64")) {
            try {
                bytes = Base64.getDecoder().decode(content.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'content' is not Base64: " + e.getMessage());
            }
        } else {
            bytes = content.getBytes(StandardCharsets.UTF_8);
        }
        String exists = context.params().string("exists");
        if (Files.exists(file) && exists.equals("fail")) {
            return StepResult.failed("'" + file + "' exists; set exists to \"overwrite\" or \"append\"");
        }
        if (Files.isDirectory(file)) {
            return StepResult.failed("'" + file + "' is a folder");
        }
        Files.createDirectories(file.getParent());
        if (exists.equals("append")) {
            Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } else {
            Files.write(file, bytes);
        }
        Node node = FileNodes.node(file);
        List<Node> nodes = new ArrayList<>(context.message().nodes());
        nodes.add(node);
        return StepResult.ok(node.toJson().retain("path", "size")).withMessage(context.message().withNodes(nodes));
    }
}
