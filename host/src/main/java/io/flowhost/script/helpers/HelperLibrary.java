package io.flowhost.script.helpers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of template helpers: the one list that templates and scripts call, and that the
 * playground and {@code flowhost docs} print. Each helper documents its signature, one line, and
 * an example whose result a test checks.
 */
public final class HelperLibrary {
    private static final List<Helper> ALL = build();
    private static final Map<String, Helper> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Helper::name, Function.identity()));

    private HelperLibrary() {}

    private static List<Helper> build() {
        List<Helper> helpers = new ArrayList<>();
        helpers.addAll(PathHelpers.all());
        helpers.addAll(TextHelpers.all());
        helpers.addAll(DateHelpers.all());
        helpers.addAll(NumberHelpers.all());
        helpers.addAll(EncodingHelpers.all());
        helpers.addAll(JsonHelpers.all());
        helpers.addAll(CollectionHelpers.all());
        helpers.addAll(Secrets.helpers());
        helpers.sort(Comparator.comparing(Helper::name));
        return List.copyOf(helpers);
    }

    /** @return every helper, sorted by name */
    public static List<Helper> all() {
        return ALL;
    }

    /** @return the helper of that name, if any */
    public static Optional<Helper> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** @return the helpers whose name, category or doc contains {@code word}, ignoring case */
    public static List<Helper> search(String word) {
        String needle = word.toLowerCase(Locale.ROOT);
        return ALL.stream()
                .filter(h -> (h.name() + " " + h.category() + " " + h.doc()).toLowerCase(Locale.ROOT).contains(needle))
                .toList();
    }

    /** @return the categories, in the order helpers are documented */
    public static List<String> categories() {
        return List.of("paths", "text", "dates", "numbers", "encoding", "json", "collections", "secrets");
    }
}
