package io.flowhost.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The known names nearest to a mistyped one, for "did you mean ...?" in commands, actions and playground commands. */
public final class Suggestions {
    private static final int MOST = 3;

    private Suggestions() {}

    /**
     * @param word  what the user typed
     * @param names the names that exist
     * @return up to three names, nearest first: those within two edits of {@code word}, and those it
     *         starts or that start it (a shortened or lengthened name); one edit for words of up to four
     *         characters
     */
    public static List<String> nearest(String word, Collection<String> names) {
        String typed = word.toLowerCase(Locale.ROOT);
        record Scored(String name, int score) {}
        List<Scored> found = new ArrayList<>();
        for (String name : names) {
            String candidate = name.toLowerCase(Locale.ROOT);
            int distance = distance(typed, candidate);
            boolean prefix = typed.length() >= 2 && (candidate.startsWith(typed) || typed.startsWith(candidate));
            // in a short word two edits change most of it: 'lod' is near 'load', not near 'doc'
            int allowed = typed.length() <= 4 ? 1 : 2;
            if (distance <= allowed || prefix) {
                found.add(new Scored(name, prefix ? Math.min(distance, 1) : distance));
            }
        }
        return found.stream().sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::name))
                .limit(MOST).map(Scored::name).toList();
    }

    /**
     * @return {@code "; did you mean 'a'?"} or {@code "; did you mean 'a' or 'b'?"}, or {@code ""}
     *         when nothing is near
     */
    public static String didYouMean(String word, Collection<String> names) {
        List<String> nearest = nearest(word, names);
        if (nearest.isEmpty()) {
            return "";
        }
        List<String> quoted = nearest.stream().map(n -> "'" + n + "'").toList();
        String last = quoted.get(quoted.size() - 1);
        return "; did you mean " + (quoted.size() == 1 ? last
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + last) + "?";
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
