package io.flowhost.plugin.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pf4j.Extension;

/** {@code core.nodes}: turns paths and globs into nodes with real file data. */
@Extension
public final class NodesAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.nodes")
                .label("Files to nodes")
                .summary("Turns paths or globs into nodes with their real size and modification time")
                .description("Each entry of 'paths' is a path or a glob ('*' within a folder, '**' across folders,"
                        + " '?', '[abc]', '{a,b}'). Relative paths are read against 'base'. Nodes are sorted by path;"
                        + " folders have a null size and meta.dir = true. The output is the number of nodes found.")
                .param(ParamSpec.any("paths", "A path or glob, or an array of them").asRequired())
                .param(ParamSpec.string("base", "The folder relative paths start from (default: the working directory)"))
                .param(ParamSpec.string("mode", "replace the message's nodes, or append to them")
                        .withDefault("replace").withAllowed("replace", "append"))
                .param(ParamSpec.string("missing", "What a path that does not exist does (globs that match nothing never fail)")
                        .withDefault("fail").withAllowed("fail", "skip"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        Path base = Path.of(context.params().optionalString("base").orElse(""));
        boolean failOnMissing = context.params().string("missing").equals("fail");
        TreeMap<String, Node> found = new TreeMap<>();
        for (String pattern : context.params().strings("paths")) {
            context.checkCancelled();
            if (isGlob(pattern)) {
                glob(base, pattern, found, context);
            } else {
                Path path = base.resolve(pattern).normalize();
                try {
                    found.put(path.toString(), node(path));
                } catch (NoSuchFileException e) {
                    if (failOnMissing) {
                        return StepResult.failed("no such file or directory: " + path);
                    }
                    context.log().warn("skipped missing " + path);
                }
            }
        }
        List<Node> nodes = new ArrayList<>();
        if (context.params().string("mode").equals("append")) {
            nodes.addAll(context.message().nodes());
        }
        nodes.addAll(found.values());
        Message message = context.message().withNodes(nodes);
        return StepResult.ok(JsonNodeFactory.instance.numberNode(found.size())).withMessage(message);
    }

    private static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    }

    /** Walks only below the glob's fixed leading folders, and only as deep as the glob can reach. */
    private static void glob(Path base, String pattern, TreeMap<String, Node> found, ActionContext context)
            throws IOException {
        String normalized = pattern.replace('\\', '/');
        String[] segments = normalized.split("/", -1);
        int fixed = 0;
        while (fixed < segments.length - 1 && !isGlob(segments[fixed])) {
            fixed++;
        }
        String prefix = String.join("/", java.util.Arrays.copyOfRange(segments, 0, fixed));
        Path root = base.resolve(prefix.isEmpty() && normalized.startsWith("/") ? "/" : prefix).normalize();
        if (!Files.isDirectory(root)) {
            return;
        }
        int depth = normalized.contains("**") ? Integer.MAX_VALUE : segments.length - fixed;
        Path absoluteRoot = root.toAbsolutePath();
        String rest = String.join("/", java.util.Arrays.copyOfRange(segments, fixed, segments.length));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        try (Stream<Path> walk = Files.walk(absoluteRoot, depth)) {
            walk.filter(path -> !path.equals(absoluteRoot))
                    .filter(path -> matcher.matches(absoluteRoot.relativize(path)))
                    .sorted(Comparator.naturalOrder())
                    .forEach(path -> {
                        context.checkCancelled();
                        Path shown = root.resolve(absoluteRoot.relativize(path));
                        try {
                            found.put(shown.toString(), node(shown));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }

    private static Node node(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        ObjectNode meta = JsonNodeFactory.instance.objectNode().put("dir", attributes.isDirectory());
        return new Node(path.toString(), Node.of(path.toString()).name(),
                attributes.isDirectory() ? null : attributes.size(), attributes.lastModifiedTime().toInstant(), meta);
    }
}
