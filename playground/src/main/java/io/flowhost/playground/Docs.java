package io.flowhost.playground;

import io.flowhost.script.helpers.Helper;
import io.flowhost.script.helpers.HelperLibrary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code :doc} and {@code flowhost docs} show: the scope names, the template helpers and
 * the JavaScript built-ins people use in templates, each with a signature, one line and an
 * example, grouped by category.
 */
final class Docs {
    /**
     * One documented name.
     *
     * @param name      what {@code :doc} and {@code :try} find it by: {@code humanBytes}, {@code Array.map}
     * @param category  {@code scope}, a helper category, or a built-in's type ({@code String}, {@code Array}...)
     * @param signature how it is called
     * @param doc       one line
     * @param example   an expression that uses it
     * @param expected  the example's result as JSON, or {@code null} when it depends on the message or the time
     */
    record Entry(String name, String category, String signature, String doc, String example, String expected) {
        /** @return the name without its type: {@code map} for {@code Array.map} */
        String shortName() {
            return name.substring(name.indexOf('.') + 1);
        }

        String show() {
            return signature + "  [" + category + "]\n    " + doc + "\n    e.g. " + example
                    + (expected == null ? "" : "  =>  " + expected);
        }
    }

    private static final List<Entry> ALL = load();

    private Docs() {}

    private static List<Entry> load() {
        List<Entry> reference = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(Docs.class.getResourceAsStream("reference.txt"), "reference.txt");
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" \\| ", -1);
                if (parts.length != 5) {
                    throw new IllegalStateException("reference.txt: expected 5 fields: " + line);
                }
                reference.add(new Entry(parts[1], parts[0], parts[2], parts[3], parts[4], null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> all = new ArrayList<>(reference.stream().filter(e -> e.category().equals("scope")).toList());
        for (String category : HelperLibrary.categories()) {
            for (Helper helper : HelperLibrary.all()) {
                if (helper.category().equals(category)) {
                    all.add(new Entry(helper.name(), category, helper.signature(), helper.doc(), helper.example(),
                            helper.expected()));
                }
            }
        }
        reference.stream().filter(e -> !e.category().equals("scope")).forEach(all::add);
        return List.copyOf(all);
    }

    static List<Entry> all() {
        return ALL;
    }

    /** @return the categories in the order they are shown: the scope, the helpers', then the built-ins' */
    static List<String> categories() {
        return ALL.stream().map(Entry::category).distinct().toList();
    }

    /**
     * {@code :doc} without a word: one line per category, with the names in it.
     *
     * @return the overview, its lines wrapped at {@code width}
     */
    static String overview(int width) {
        Map<String, List<String>> byCategory = new LinkedHashMap<>();
        ALL.forEach(e -> byCategory.computeIfAbsent(e.category(), c -> new ArrayList<>()).add(e.shortName()));
        StringBuilder out = new StringBuilder("""
                :doc CATEGORY shows one, :doc WORD searches, :try NAME runs an example against the message.""");
        for (Map.Entry<String, List<String>> category : byCategory.entrySet()) {
            StringBuilder line = new StringBuilder(String.format("%n  %-12s", category.getKey()));
            int lineStart = 1;
            for (String name : category.getValue()) {
                if (line.length() - lineStart + name.length() + 1 > width) {
                    lineStart = line.length() + 1;
                    line.append(String.format("%n  %-12s", ""));
                } else if (!Character.isWhitespace(line.charAt(line.length() - 1))) {
                    line.append(' ');
                }
                line.append(name);
            }
            out.append(line);
        }
        return out.toString();
    }

    /**
     * {@code :doc WORD} and {@code flowhost docs WORD}: a category's page, else the entries whose
     * name, category or doc holds the word; every entry without a word.
     */
    static String show(String word) {
        if (word == null || word.isBlank()) {
            return format(ALL);
        }
        String needle = word.strip().toLowerCase(Locale.ROOT);
        List<Entry> page = ALL.stream().filter(e -> e.category().toLowerCase(Locale.ROOT).equals(needle)).toList();
        if (!page.isEmpty()) {
            return format(page);
        }
        List<Entry> found = ALL.stream()
                .filter(e -> (e.name() + " " + e.category() + " " + e.doc()).toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        return found.isEmpty() ? "nothing documented matches '" + word.strip() + "'; :doc lists the categories"
                : format(found);
    }

    /** @return the entries called {@code name}, by full name first ({@code Array.slice}), else by short name */
    static List<Entry> find(String name) {
        List<Entry> exact = ALL.stream().filter(e -> e.name().equals(name)).toList();
        return !exact.isEmpty() ? exact : ALL.stream().filter(e -> e.shortName().equals(name)).toList();
    }

    private static String format(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries) {
            out.append(out.isEmpty() ? "" : "\n").append(entry.show());
        }
        return out.toString();
    }
}
