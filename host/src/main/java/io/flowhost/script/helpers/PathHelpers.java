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
                helper("join", "paths", "join(part, ...)", "Joins path elements with single slashes ('://' is kept)",
                        "join('/data/', 'in', 'a.pdf')", "\"/data/in/a.pdf\"", PathHelpers::join));
    }

    // Paths come from message data: every helper here is one pass over its text, never a regex that
    // backtracks (replaceAll("/+$") took quadratic time on a path of slashes).

    private static String join(Args a) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            String part = a.text(i);
            if (part.isEmpty()) {
                continue;
            }
            if (!path.isEmpty() && path.charAt(path.length() - 1) != '/') {
                path.append('/');
            }
            int from = 0;
            while (!path.isEmpty() && from < part.length() && part.charAt(from) == '/') {
                from++;
            }
            path.append(part, from, part.length());
            if (path.length() > Bounds.TEXT) {
                throw a.tooLarge("result length", path.length(), Bounds.TEXT);
            }
        }
        return singleSlashes(path);
    }

    /** Runs of slashes made one, except after ':' where up to two stay (a URL's '://'). */
    private static String singleSlashes(CharSequence path) {
        StringBuilder out = new StringBuilder(path.length());
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c != '/') {
                out.append(c);
                i++;
                continue;
            }
            int run = i;
            while (run < path.length() && path.charAt(run) == '/') {
                run++;
            }
            boolean afterColon = i > 0 && path.charAt(i - 1) == ':';
            out.append(afterColon && run - i >= 2 ? "//" : "/");
            i = run;
        }
        return out.toString();
    }

    private static String trimSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return end == 0 && !path.isEmpty() ? "/" : path.substring(0, end);
    }

    private static String base(String path) {
        String trimmed = trimSlashes(path);
        return trimmed.equals("/") ? "/" : trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
