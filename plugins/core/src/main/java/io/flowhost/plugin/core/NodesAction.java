package io.flowhost.plugin.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.PatternSyntaxException;
import org.pf4j.Extension;

/** {@code core.nodes}: puts files, named by paths or globs, into the message as nodes. */
@Extension
public final class NodesAction implements Action {
    private static final String GLOB_CHARS = "*?[{";

    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.nodes")
                .label("Nodes from paths")
                .summary("Sets the message's nodes to files found by paths or globs")
                .description("""
                        Each entry of 'paths' is a path or a glob such as /data/in/*.jpg: '*' and '?' match \
                        within one folder, '**' across folders ('/data/**/*.jpg' also matches files directly \
                        in /data), '[abc]' and '{jpg,png}' as usual. Relative entries are resolved against \
                        'base'. Only the folder before the first wildcard is walked. Every node carries \
                        real file data: its absolute path, name, size (null for a folder), mtime, and \
                        meta.dir. Nodes are sorted by path and listed once even when several entries match \
                        them. A glob that matches nothing is fine; a plain path that does not exist fails \
                        the step unless 'missing' is "skip". The output is {"count": number of nodes found}.""")
                .param(ParamSpec.any("paths", "A path or glob, or an array of them").asRequired())
                .param(ParamSpec.string("base", "The folder relative paths start from; by default the host's working directory"))
                .param(ParamSpec.string("mode", "\"replace\" the message's nodes, or \"append\" to them")
                        .withDefault("replace").withAllowed("replace", "append"))
                .param(ParamSpec.string("missing", "A plain path that does not exist: \"fail\" the step or \"skip\" it")
                        .withDefault("fail").withAllowed("fail", "skip"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        Path base = Path.of(context.params().optionalString("base").orElse("")).toAbsolutePath().normalize();
        boolean skipMissing = context.params().string("missing").equals("skip");
        Map<String, Node> found = new TreeMap<>();
        for (String entry : context.params().strings("paths")) {
            context.checkCancelled();
            if (isGlob(entry)) {
                glob(context, base, entry, found);
                continue;
            }
            Path path = base.resolve(entry).normalize();
            if (Files.exists(path)) {
                found.put(path.toString(), node(path, Files.readAttributes(path, BasicFileAttributes.class)));
            } else if (!skipMissing) {
                return StepResult.failed("'" + path + "' does not exist");
            }
        }
        List<Node> nodes = new ArrayList<>();
        if (context.params().string("mode").equals("append")) {
            Map<String, Node> kept = new LinkedHashMap<>();
            context.message().nodes().forEach(node -> kept.put(node.path(), node));
            found.keySet().removeAll(kept.keySet());
            nodes.addAll(kept.values());
        }
        nodes.addAll(found.values());
        ObjectNode output = JsonNodeFactory.instance.objectNode().put("count", found.size());
        return StepResult.ok(output).withMessage(context.message().withNodes(nodes));
    }

    static boolean isGlob(String path) {
        return path.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
    }

    private static void glob(ActionContext context, Path base, String glob, Map<String, Node> found) throws IOException {
        String[] segments = glob.split("/", -1);
        int first = 0;
        while (!isGlob(segments[first])) {
            first++;
        }
        String fixed = String.join("/", List.of(segments).subList(0, first));
        String rest = String.join("/", List.of(segments).subList(first, segments.length));
        Path root = (glob.startsWith("/") && fixed.isEmpty() ? Path.of("/") : base.resolve(fixed)).normalize();
        if (!Files.isDirectory(root)) {
            return;
        }
        // Java's '**/' needs at least one folder; shell users expect it to match none as well.
        String pattern = rest.contains("{") ? rest : rest.replace("**/", "{**/,}");
        String rootText = escape(root.toString());
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher(
                    "glob:" + rootText + (rootText.endsWith("/") ? "" : "/") + pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + glob + "' is not a valid glob: " + e.getDescription(), e);
        }
        int depth = rest.contains("**") ? Integer.MAX_VALUE : segments.length - first;
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return visitFile(dir, attrs);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                context.checkCancelled();
                if (matcher.matches(file)) {
                    found.put(file.toString(), node(file, attrs.isSymbolicLink() ? target(file, attrs) : attrs));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                context.log().warn("core.nodes skips '" + file + "': " + e.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The attributes of a link's target, as a plain path would report them; the link's own if it dangles. */
    private static BasicFileAttributes target(Path link, BasicFileAttributes linkAttributes) {
        try {
            return Files.readAttributes(link, BasicFileAttributes.class);
        } catch (IOException e) {
            return linkAttributes;
        }
    }

    /** Escapes glob syntax in a real folder name, so that a folder called {@code [old]} matches itself. */
    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static Node node(Path path, BasicFileAttributes attrs) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode().put("dir", attrs.isDirectory());
        Path name = path.getFileName();
        return new Node(
                path.toString(),
                name == null ? path.toString() : name.toString(),
                attrs.isDirectory() ? null : attrs.size(),
                attrs.lastModifiedTime().toInstant(),
                meta);
    }
}
