package io.flowhost.playground;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tab completion: {@code :commands} after a colon, real paths after {@code :load}, {@code :node}
 * and {@code :save}, names after {@code :doc}, {@code :try}, {@code :mode}, {@code :live} and
 * {@code :step}, and in an expression the scope names, the helpers and the fields of the sample
 * message ({@code node.} and {@code nodes[0].} give a node's keys).
 */
final class Completion {
    /**
     * One candidate.
     *
     * @param value    the whole word it replaces the typed word with
     * @param complete whether the word is finished (a space may follow), false for a folder
     */
    record Option(String value, boolean complete) {}

    /** A path of the scope as JavaScript writes it: {@code nodes[0].meta.ca}. */
    private static final Pattern TRAILING_PATH =
            Pattern.compile("[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*|\\[\\d+])*(?:\\.[\\w$]*)?$");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final Pattern PATH_PART = Pattern.compile("([A-Za-z_$][\\w$]*)|\\[(\\d+)]");
    private static final List<String> ARRAY_MEMBERS = List.of("length", "map", "filter", "find", "some", "every",
            "reduce", "join", "slice", "includes", "indexOf", "at", "flatMap");
    private static final List<String> STRING_MEMBERS = List.of("length", "split", "slice", "replace", "replaceAll",
            "includes", "startsWith", "endsWith", "toUpperCase", "toLowerCase", "trim", "padStart", "indexOf", "match");
    private static final List<String> NUMBER_MEMBERS = List.of("toFixed", "toLocaleString");

    private final Session session;

    Completion(Session session) {
        this.session = session;
    }

    /**
     * @param line   the input so far
     * @param cursor where Tab was pressed
     * @return candidates for the word that ends at the cursor (from the last space before it)
     */
    List<Option> complete(String line, int cursor) {
        String before = line.substring(0, cursor);
        int wordStart = Math.max(before.lastIndexOf(' '), Math.max(before.lastIndexOf('\t'), before.lastIndexOf('\n'))) + 1;
        String word = before.substring(wordStart);
        String trimmed = before.stripLeading();
        if (trimmed.startsWith(":")) {
            if (wordStart <= before.length() - trimmed.length()) {
                return Commands.NAMES.stream().filter(n -> n.startsWith(word)).sorted().map(n -> new Option(n, true)).toList();
            }
            String command = trimmed.substring(0, trimmed.indexOf(' ') < 0 ? trimmed.length() : trimmed.indexOf(' '));
            return argument(command, word);
        }
        return expression(word);
    }

    private List<Option> argument(String command, String word) {
        List<String> names = switch (command) {
            case ":load", ":node", ":save", ":save!" -> null;
            case ":doc", ":docs" -> Stream.concat(Docs.categories().stream(), Docs.all().stream().map(Docs.Entry::name))
                    .distinct().toList();
            case ":try" -> Docs.all().stream().map(Docs.Entry::name).toList();
            case ":mode" -> List.of("template", "js");
            case ":live" -> List.of("on", "off");
            case ":step" -> session.stepIds();
            default -> List.of();
        };
        if (names == null) {
            return paths(word);
        }
        return names.stream().filter(n -> n.startsWith(word)).sorted().map(n -> new Option(n, true)).toList();
    }

    /** Files and folders that exist, {@code ~} for the home folder; a folder ends in '/' and is not complete. */
    static List<Option> paths(String word) {
        int slash = word.lastIndexOf('/');
        String folderText = slash < 0 ? "" : word.substring(0, slash + 1);
        String prefix = word.substring(slash + 1);
        Path folder = folderText.isEmpty() ? Path.of(".") : Session.expandHome(folderText);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Option> options = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.sorted().forEach(entry -> {
                String name = entry.getFileName().toString();
                if (name.startsWith(prefix) && (prefix.startsWith(".") || !name.startsWith("."))) {
                    boolean isFolder = Files.isDirectory(entry);
                    options.add(new Option(folderText + name + (isFolder ? "/" : ""), !isFolder));
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
        return options;
    }

    private List<Option> expression(String word) {
        Matcher path = TRAILING_PATH.matcher(word);
        if (!path.find()) {
            return List.of();
        }
        String before = word.substring(0, path.start());
        return fields(path.group()).stream().map(f -> new Option(before + f, true)).toList();
    }

    /**
     * @param path a scope path as typed, e.g. {@code no}, {@code node.}, {@code nodes[0].meta.c}
     * @return full replacements for it, sorted
     */
    List<String> fields(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0) {
            List<String> names = new ArrayList<>(Session.SCOPE_NAMES);
            io.flowhost.script.helpers.HelperLibrary.all().forEach(h -> names.add(h.name()));
            return names.stream().filter(n -> n.startsWith(path)).sorted().toList();
        }
        String owner = path.substring(0, dot);
        String prefix = path.substring(dot + 1);
        JsonNode value = resolve(owner);
        List<String> members = new ArrayList<>();
        if (value == null) {
            return members;
        }
        if (value.isObject()) {
            value.properties().stream().map(Map.Entry::getKey).filter(k -> IDENTIFIER.matcher(k).matches())
                    .forEach(members::add);
        } else if (value.isArray()) {
            members.addAll(ARRAY_MEMBERS);
        } else if (value.isTextual()) {
            members.addAll(STRING_MEMBERS);
        } else if (value.isNumber()) {
            members.addAll(NUMBER_MEMBERS);
        }
        return members.stream().filter(m -> m.startsWith(prefix)).sorted().map(m -> owner + "." + m).toList();
    }

    /** The value at a path such as {@code nodes[0].meta} in the session's scope, or null. */
    private JsonNode resolve(String path) {
        JsonNode current = session.scopeJson();
        Matcher parts = PATH_PART.matcher(path);
        while (parts.find()) {
            current = parts.group(1) != null ? current.get(parts.group(1)) : current.get(Integer.parseInt(parts.group(2)));
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
