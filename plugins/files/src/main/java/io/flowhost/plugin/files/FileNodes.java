package io.flowhost.plugin.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.FileRoots;
import io.flowhost.api.ActionContext;
import io.flowhost.api.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Nodes for real files, and the files an action works on: named by a parameter, or the message's nodes. */
final class FileNodes {
    private FileNodes() {}

    /** A node with the file's real size (null for a folder), time and {@code meta.dir}; keeps {@code meta} of {@code old}. */
    static Node node(Path path, Node old) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            ObjectNode meta = old == null ? JsonNodeFactory.instance.objectNode() : old.meta();
            meta.put("dir", attrs.isDirectory());
            Path name = path.getFileName();
            return new Node(path.toString(), name == null ? path.toString() : name.toString(),
                    attrs.isDirectory() ? null : attrs.size(), attrs.lastModifiedTime().toInstant(), meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + path + "': " + e.getMessage(), e);
        }
    }

    static Node node(Path path) {
        return node(path, null);
    }

    /**
     * The files an action works on: the parameter's paths when it is set, else the message's nodes.
     *
     * @throws IllegalArgumentException when neither names a file, or a path is refused by the roots
     */
    static List<Target> targets(ActionContext context, FileRoots roots, String param) {
        List<Target> targets = new ArrayList<>();
        if (context.params().has(param)) {
            for (String path : context.params().strings(param)) {
                targets.add(new Target(roots.resolve(path), null));
            }
        } else {
            for (Node node : context.message().nodes()) {
                targets.add(new Target(roots.resolve(node.path()), node));
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no file to work on: give '" + param + "' or nodes in the message");
        }
        return targets;
    }

    /**
     * The one file an action works on, as {@link #targets} finds it.
     *
     * @param does what the action does, e.g. {@code files.read reads one file}
     * @param each what to do with several files instead, e.g. {@code read each node}
     * @throws IllegalArgumentException when there is not exactly one, saying so with {@code does} and {@code each}
     */
    static Target single(ActionContext context, FileRoots roots, String param, String does, String each) {
        List<Target> targets = targets(context, roots, param);
        if (targets.size() != 1) {
            throw new IllegalArgumentException(does + " and the message has " + targets.size() + " nodes: give '"
                    + param + "', or " + each + " in a forEach");
        }
        return targets.get(0);
    }

    /** A file to work on, and the node it came from, if any. */
    record Target(Path path, Node node) {}
}
