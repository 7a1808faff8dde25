package io.flowhost.plugin.files;

import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionCancelledException;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Durations;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** {@code files.wait-for}: waits until a file appears. */
@Extension
public final class WaitForAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("files.wait-for")
                .label("Wait for a file")
                .summary("Waits until a file appears, then makes it the message's nodes")
                .description("""
                        Looks for 'path' every 'poll' until it exists; its last segment may be a glob \
                        ('in/*.csv': any CSV file in 'in'). The files found become the nodes. When 'timeout' \
                        passes first the step fails; a cancelled step stops waiting at once.""")
                .param(ParamSpec.string("path", "The file, or a folder and a glob, e.g. in/*.done").asRequired())
                .param(ParamSpec.duration("timeout", "How long to wait").withDefault("1m"))
                .param(ParamSpec.duration("poll", "How often to look").withDefault("500ms"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        FileRoots roots = FileRoots.of(context.settings(), "files");
        String given = context.params().string("path");
        Path path = roots.resolve(given);
        Duration timeout = context.params().duration("timeout");
        Duration poll = context.params().duration("poll");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            context.checkCancelled();
            List<Node> found = find(path, roots);
            if (!found.isEmpty()) {
                return StepResult.ok(found.get(0).path()).withMessage(context.message().withNodes(found));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return StepResult.failed("'" + given + "' did not appear within " + Durations.format(timeout));
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(left, poll.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ActionCancelledException(context.stepPath());
            }
        }
    }

    private static List<Node> find(Path path, FileRoots roots) throws IOException {
        String name = path.getFileName().toString();
        if (!name.matches(".*[*?\\[{].*")) {
            return Files.exists(path) ? List.of(FileNodes.node(path)) : List.of();
        }
        List<Node> found = new ArrayList<>();
        if (!Files.isDirectory(path.getParent())) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path.getParent(), name)) {
            for (Path entry : entries) {
                if (roots.contains(entry)) {
                    found.add(FileNodes.node(entry));
                }
            }
        }
        found.sort(java.util.Comparator.comparing(Node::path));
        return found;
    }
}
