package io.flowhost.script.helpers;

import static io.flowhost.script.helpers.Args.helper;

import java.util.List;

/** Helpers for file paths, written with '/' (as nodes are). */
final class PathHelpers {
    private PathHelpers() {}

    static List<Helper> all() {
        return List.of(
                helper("base", "paths", "base(path)", "The last element of a path", "base('/data/in/a.pdf')",
                        "\"a.pdf\"", a -> base(a.text(0))),
                helper("dir", "paths", "dir(path)", "Everything but the last element of a path", "dir('/data/in/a.pdf')",
                        "\"/data/in\"", a -> {
                            String path = trimSlashes(a.text(0));
                            int slash = path.lastIndexOf('/');
                            return slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
                        }),
                helper("ext", "paths", "ext(path)", "The extension of a path's last element, with its dot",
                        "ext('/data/in/a.tar.gz')", "\".gz\"", a -> {
                            String name = base(a.text(0));
                            int dot = name.lastIndexOf('.');
                            return dot <= 0 ? "" : name.substring(dot);
                        }),
                helper("stem", "paths", "stem(path)", "The last element of a path without its extension",
                        "stem('/data/in/report.pdf')", "\"report\"", a -> {
                            String name = base(a.text(0));
                            int dot = name.lastIndexOf('.');
                            return dot <= 0 ? name : name.substring(0, dot);
                        }),
                helper("join", "paths", "join(part, ...)", "Joins path elements with single slashes",
                        "join('/data/', 'in', 'a.pdf')", "\"/data/in/a.pdf\"", a -> {
                            StringBuilder path = new StringBuilder();
                            for (int i = 0; i < a.size(); i++) {
                                String part = a.text(i);
                                if (part.isEmpty()) {
                                    continue;
                                }
                                if (!path.isEmpty() && path.charAt(path.length() - 1) != '/') {
                                    path.append('/');
                                }
                                path.append(path.isEmpty() ? part : part.replaceFirst("^/+", ""));
                            }
                            return path.toString().replaceAll("(?<!:)/{2,}", "/");
                        }));
    }

    private static String trimSlashes(String path) {
        String trimmed = path.replaceAll("/+$", "");
        return trimmed.isEmpty() && path.startsWith("/") ? "/" : trimmed;
    }

    private static String base(String path) {
        String trimmed = trimSlashes(path);
        return trimmed.equals("/") ? "/" : trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
