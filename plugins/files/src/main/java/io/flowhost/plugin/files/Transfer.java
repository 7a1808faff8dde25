package io.flowhost.plugin.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.FileRoots;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** What {@code files.copy} and {@code files.move} share: sources into a folder, the nodes become the results. */
final class Transfer {
    private Transfer() {}

    static ActionDescriptor descriptor(String id, String label, String verb) {
        return ActionDescriptor.builder(id)
                .label(label)
                .summary(verb + " files into a folder; the nodes become the " + (verb.equals("Copies") ? "copies" : "moved files"))
                .description(verb + """
                         'paths', or else every node of the message, into the folder 'to' (created if missing), \
                        keeping their names; folders with what they hold. A file already at the destination \
                        fails the step unless 'exists' is "overwrite" or "skip". Source and destination must be \
                        inside the allowed roots. The output is {"count": N}.""")
                .param(ParamSpec.any("paths", "A path or an array of paths; by default the message's nodes"))
                .param(ParamSpec.string("to", "The destination folder").asRequired())
                .param(ParamSpec.string("exists", "When the destination exists: \"fail\", \"overwrite\" or \"skip\"")
                        .withDefault("fail").withAllowed("fail", "overwrite", "skip"))
                .build();
    }

    static StepResult run(ActionContext context, boolean move) throws IOException {
        FileRoots roots = FileRoots.of(context.settings(), "files");
        List<FileNodes.Target> targets = FileNodes.targets(context, roots, "paths");
        Path folder = roots.resolve(context.params().string("to"));
        String exists = context.params().string("exists");
        Files.createDirectories(folder);
        List<Node> nodes = new ArrayList<>();
        int count = 0;
        for (FileNodes.Target target : targets) {
            context.checkCancelled();
            Path source = target.path();
            if (!Files.exists(source)) {
                return StepResult.failed("'" + source + "' does not exist");
            }
            Path destination = roots.resolve(folder.resolve(source.getFileName()).toString());
            if (Files.exists(destination)) {
                if (exists.equals("skip")) {
                    nodes.add(FileNodes.node(destination, target.node()));
                    continue;
                }
                if (exists.equals("fail")) {
                    return StepResult.failed("'" + destination + "' exists; set exists to \"overwrite\" or \"skip\"");
                }
            }
            if (move) {
                Files.move(source, destination, StandardCopyOption.REPLACE_EXISTING);
            } else if (Files.isDirectory(source)) {
                copyTree(source, destination);
            } else {
                Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            nodes.add(FileNodes.node(destination, target.node()));
            count++;
        }
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("count", count))
                .withMessage(context.message().withNodes(nodes));
    }

    private static void copyTree(Path source, Path destination) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                try {
                    Files.createDirectory(destination.resolve(source.relativize(dir)));
                } catch (FileAlreadyExistsException e) {
                    // merging into an existing folder
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, destination.resolve(source.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
