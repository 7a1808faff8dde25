package io.flowhost.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The folders an action may touch, and the one rule for paths that a job gives: every plugin that
 * reads or writes files applies it, so that the host's operator, not the job, decides where files
 * may be. The roots are the {@code roots} of the plugin's {@linkplain HostSettings host settings}
 * (strings; relative ones from the host's working folder), by default the host's working folder.
 *
 * <p>{@link #resolve} takes a relative path from the first root, and refuses, with one line naming
 * the path and the roots: a path with a {@code ..} segment, an absolute path outside every root, and
 * a path that leads out of its root through a symbolic link (the nearest part of it that exists is
 * checked with its links followed). Immutable and thread-safe; the file system may of course change
 * between a check and the use of a path.
 */
public final class FileRoots {
    private final String pluginId;
    private final List<Path> roots;
    private final List<Path> realRoots;

    private FileRoots(String pluginId, List<Path> roots) {
        this.pluginId = pluginId;
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

    /**
     * @param settings the plugin's host settings, read for {@code roots}
     * @param pluginId the plugin's id, named in refusals ({@code plugins.files.roots})
     * @return the roots
     */
    public static FileRoots of(HostSettings settings, String pluginId) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(pluginId, "pluginId");
        List<String> configured = settings.strings("roots");
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> roots = new ArrayList<>();
        for (String root : configured.isEmpty() ? List.of(cwd.toString()) : configured) {
            roots.add(cwd.resolve(root).normalize());
        }
        return new FileRoots(pluginId, roots);
    }

    /** @return the roots, absolute and normalised, in order */
    public List<Path> all() {
        return roots;
    }

    /**
     * @param path a path as a job gave it
     * @return the absolute, normalised path, inside a root
     * @throws IllegalArgumentException naming the path and the roots, when it is refused, e.g.
     *                                  {@code path '../x' is refused: '..' is not allowed (roots: [/data])}
     */
    public Path resolve(String path) {
        Objects.requireNonNull(path, "path");
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
        if (rootOf(absolute, roots) < 0) {
            throw new IllegalArgumentException("path '" + path + "' is outside the allowed roots " + roots
                    + " (host configuration: plugins." + pluginId + ".roots)");
        }
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            Path real;
            try {
                real = existing.toRealPath();
            } catch (IOException e) {
                real = danglingTarget(existing); // a dangling link: where it points decides
            }
            if (real != null && rootOf(real, realRoots) < 0) {
                throw new IllegalArgumentException("path '" + path + "' leads outside the allowed roots " + roots
                        + " through a symbolic link");
            }
        }
        return absolute;
    }

    /**
     * @param file a file found inside a root, e.g. by a listing
     * @return whether it really lies inside one, its links followed
     */
    public boolean contains(Path file) {
        try {
            return rootOf(file.toRealPath(), realRoots) >= 0;
        } catch (IOException e) {
            Path target = danglingTarget(file);
            return target == null || rootOf(target, realRoots) >= 0;
        }
    }

    private static Path danglingTarget(Path link) {
        try {
            return Files.isSymbolicLink(link) ? link.getParent().resolve(Files.readSymbolicLink(link)).normalize() : null;
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

    @Override
    public String toString() {
        return roots.toString();
    }
}
