package dev.dorisccr.server.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** "Did you mean" for mistyped names: the known names closest by edit distance. */
public final class Suggestions {
    private Suggestions() {}

    /** Up to three known names within a third of {@code given}'s length (at least 2 edits), closest first. */
    public static List<String> closest(String given, Collection<String> known) {
        String g = strip(given);
        int limit = Math.max(2, g.length() / 3);
        String dashes = given.startsWith("--") ? "--" : given.startsWith("-") ? "-" : "";
        Map<String, String> byName = new TreeMap<>();
        for (String k : known) {
            String name = strip(k);
            String current = byName.get(name);
            boolean sameDashes = k.equals(dashes + name);
            if (current == null || sameDashes) {
                byName.put(name, k);
            }
        }
        return byName.values().stream()
                .filter(k -> distance(g, strip(k)) <= limit || strip(k).startsWith(g) && !g.isEmpty())
                .sorted(Comparator.comparingInt((String k) -> distance(g, strip(k))).thenComparing(k -> k))
                .distinct()
                .limit(3)
                .toList();
    }

    /** {@code " (did you mean a or b?)"}, or "" when nothing is close. */
    public static String didYouMean(String given, Collection<String> known) {
        List<String> c = closest(given, known);
        return c.isEmpty() ? "" : " (did you mean " + String.join(" or ", c) + "?)";
    }

    private static String strip(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '-') {
            i++;
        }
        int eq = name.indexOf('=');
        return (eq > i ? name.substring(i, eq) : name.substring(i)).toLowerCase(Locale.ROOT);
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
