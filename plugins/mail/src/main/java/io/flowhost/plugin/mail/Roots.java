package io.flowhost.plugin.mail;

import io.flowhost.api.HostSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders the {@code mail} plugin (attachments; the same rule as the files plugin's, with roots of its own) may touch: {@code roots} of its host settings, by default the
 * host's working folder. Every path an action is given goes through {@link #resolve}: a relative
 * path is taken from the first root; a path with a {@code ..} segment, an absolute path outside
 * every root, and a path that leads out of its root through a symbolic link are refused, with one
 * line naming the path and the roots.
 */
final class Roots {
    private final List<Path> roots;
    private final List<Path> realRoots;

    private Roots(List<Path> roots) {
        this.roots = List.copyOf(roots);
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            try {
                real.add(root.toRealPath());
            } catch (IOException e) {
                real.add(root); // a root that does not exist yet holds nothing, and mkdir may make it
            }
        }
        this.realRoots = List.copyOf(real);
    }

    /** The roots of the host settings' {@code roots} (strings), or the working folder. */
    static Roots of(HostSettings settings) {
        List<String> configured = settings.strings("roots");
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> roots = new ArrayList<>();
        for (String root : configured.isEmpty() ? List.of(cwd.toString()) : configured) {
            roots.add(cwd.resolve(root).normalize());
        }
        return new Roots(roots);
    }

    List<Path> all() {
        return roots;
    }

    /**
     * @param path a path as a job gave it
     * @return the absolute, normalised path, inside a root
     * @throws IllegalArgumentException naming the path and the roots, when it is refused
     */
    Path resolve(String path) {
        if (path.isBlank()) {
            throw new IllegalArgumentException("an empty path is refused (roots: " + roots + ")");
        }
        Path given = Path.of(path);
        for (Path part : given) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException("path '" + path + "' is refused: '..' is not allowed (roots: " + roots + ")");
            }
        }
        Path absolute = roots.get(0).resolve(given).normalize();
        int root = rootOf(absolute, roots);
        if (root < 0) {
            throw new IllegalArgumentException("path '" + path + "' is outside the allowed roots " + roots
                    + " (host configuration: plugins.mail.roots)");
        }
        // The nearest part of the path that exists, with its links followed, must still be inside the root.
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            Path real;
            try {
                real = existing.toRealPath();
            } catch (IOException e) {
                // a dangling link: where it points decides
                real = danglingTarget(existing);
            }
            if (real != null && rootOf(real, realRoots) < 0) {
                throw new IllegalArgumentException("path '" + path + "' leads outside the allowed roots " + roots
                        + " through a symbolic link");
            }
        }
        return absolute;
    }

    /** Whether a file found inside a root (by a listing) really lies inside one, links followed. */
    boolean contains(Path file) {
        try {
            return rootOf(file.toRealPath(), realRoots) >= 0;
        } catch (IOException e) {
            Path target = danglingTarget(file);
            return target == null || rootOf(target, realRoots) >= 0;
        }
    }

    private static Path danglingTarget(Path link) {
        try {
            if (Files.isSymbolicLink(link)) {
                return link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int rootOf(Path path, List<Path> roots) {
        for (int i = 0; i < roots.size(); i++) {
            if (path.startsWith(roots.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
