package io.flowhost.script.helpers;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The registry of template helpers: the one list that templates, the playground and docs use. */
public final class HelperLibrary {
    private static final List<Helper> ALL = List.of(
            new Helper("base", "paths", "base(path: string): string", "The last element of a path",
                    "base('/data/in/a.pdf')", "\"a.pdf\"",
                    args -> {
                        String path = String.valueOf(args.isEmpty() ? "" : args.get(0)).replaceAll("/+$", "");
                        return path.substring(path.lastIndexOf('/') + 1);
                    }));

    private HelperLibrary() {}

    /** @return every helper, sorted by name */
    public static List<Helper> all() {
        return ALL;
    }

    /** @return the helper of that name, if any */
    public static Optional<Helper> find(String name) {
        return ALL.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** @return the helpers whose name, category or doc contains {@code word}, ignoring case */
    public static List<Helper> search(String word) {
        String needle = word.toLowerCase(Locale.ROOT);
        return ALL.stream()
                .filter(h -> (h.name() + " " + h.category() + " " + h.doc()).toLowerCase(Locale.ROOT).contains(needle))
                .toList();
    }
}
