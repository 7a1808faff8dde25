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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.PatternSyntaxException;
import org.pf4j.Extension;

/** {@code files.list}: the files of a folder, matching a glob, as nodes. */
@Extension
public final class ListAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("files.list")
                .label("List files")
                .summary("Sets the message's nodes to the files of a folder that match a glob")
                .description("""
                        Lists 'folder' (inside the allowed roots), keeping the entries whose path relative to it \
                        matches 'glob' ('*.jpg', '**/*.pdf', '{a,b}/*'). With 'recursive' the whole tree is walked, \
                        else only the folder itself. Folders are listed only with 'folders'. Symbolic links that \
                        lead outside the roots are left out. Nodes are sorted by path and carry size, mtime and \
                        meta.dir. The output is {"count": N}.""")
                .param(ParamSpec.string("folder", "The folder to list").asRequired())
                .param(ParamSpec.string("glob", "Which entries, relative to the folder, e.g. *.jpg or **/*.pdf").withDefault("*"))
                .param(ParamSpec.bool("recursive", "Walk sub-folders too").withDefault(false))
                .param(ParamSpec.bool("folders", "List folders as well as files").withDefault(false))
                .param(ParamSpec.string("mode", "\"replace\" the message's nodes, or \"append\" to them")
                        .withDefault("replace").withAllowed("replace", "append"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        FileRoots roots = FileRoots.of(context.settings(), "files");
        Path folder = roots.resolve(context.params().string("folder"));
        if (!Files.isDirectory(folder)) {
            return StepResult.failed("'" + folder + "' is not a folder");
        }
        String glob = context.params().string("glob");
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + glob + "' is not a valid glob: " + e.getDescription(), e);
        }
        boolean recursive = context.params().bool("recursive");
        boolean folders = context.params().bool("folders");
        Map<String, Node> found = new TreeMap<>();
        Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class), recursive ? Integer.MAX_VALUE : 1,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(folder)) {
                            add(dir, true);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        add(file, attrs.isDirectory() || Files.isDirectory(file));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        context.log().warn("files.list skips '" + file + "': " + e.getMessage());
                        return FileVisitResult.CONTINUE;
                    }

                    private void add(Path file, boolean isFolder) {
                        context.checkCancelled();
                        if ((isFolder && !folders) || !matcher.matches(folder.relativize(file)) || !roots.contains(file)) {
                            return;
                        }
                        found.put(file.toString(), FileNodes.node(file));
                    }
                });
        List<Node> nodes = new ArrayList<>();
        if (context.params().string("mode").equals("append")) {
            context.message().nodes().stream().filter(n -> !found.containsKey(n.path())).forEach(nodes::add);
        }
        nodes.addAll(found.values());
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("count", found.size()))
                .withMessage(context.message().withNodes(nodes));
    }
}
