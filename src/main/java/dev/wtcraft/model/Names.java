package dev.wtcraft.model;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/** Task names (they become branch and directory names) and "did you mean" suggestions. */
public final class Names {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Names() {
    }

    /** Why a task name is not usable, or empty when it is: `<type>/<name>`, safe as a branch and a path. */
    public static Optional<String> taskNameProblem(String name) {
        if (name == null || !name.contains("/")) {
            return Optional.of("task name must be <type>/<name>, like feat/login: " + name);
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.endsWith(".lock") || segment.contains("..")) {
                return Optional.of("invalid task name '" + name
                        + "': use letters, digits, '.', '_' and '-' between slashes, like feat/login");
            }
        }
        return Optional.empty();
    }

    /** The candidate closest to a mistyped word, when it is close enough to be a typo. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    /** "; did you mean 'x'?" or nothing. */
    public static String suggestion(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
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
