package dev.wtcraft.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a set of literal anchors (ASCII, two characters or more) a text holds, in one pass over it. Each anchor
 * stands for a bit, and the scan returns the union of the bits of every anchor found. The pass looks at each pair
 * of neighbouring characters in a bitmap of the pairs an anchor starts with (both cases of them for an anchor that
 * matches in any case), a step that does not depend on the one before, so the CPU runs many at once; only at the
 * rare pair that starts an anchor are that pair's anchors compared. A table-driven automaton would read the text
 * once too, but each of its steps waits for the last: it measured three times slower on a 1 KB line.
 */
final class AnchorScan {
    private static final int ASCII = 128;

    /** One anchor and the bit (0 to 63) it sets. */
    record Anchor(String text, int bit, boolean anyCase) {
    }

    /** A bit per pair of ASCII characters (first * 128 + second) that some anchor starts with. */
    private final long[] pairs = new long[ASCII * ASCII / 64];
    /** The anchors under each such pair. */
    private final Anchor[][] byPair = new Anchor[ASCII * ASCII][];

    AnchorScan(List<Anchor> anchors) {
        List<List<Anchor>> lists = new ArrayList<>(ASCII * ASCII);
        for (int i = 0; i < ASCII * ASCII; i++) {
            lists.add(null);
        }
        for (Anchor a : anchors) {
            if (a.bit() < 0 || a.bit() > 63 || a.text().length() < 2 || !a.text().chars().allMatch(c -> c < ASCII)) {
                throw new IllegalArgumentException("an anchor is two ASCII characters or more, with a bit of 0 to 63: " + a);
            }
            for (char first : cases(a.text().charAt(0), a.anyCase())) {
                for (char second : cases(a.text().charAt(1), a.anyCase())) {
                    int pair = first * ASCII + second;
                    pairs[pair >>> 6] |= 1L << pair;
                    if (lists.get(pair) == null) {
                        lists.set(pair, new ArrayList<>());
                    }
                    lists.get(pair).add(a);
                }
            }
        }
        for (int i = 0; i < byPair.length; i++) {
            byPair[i] = lists.get(i) == null ? null : lists.get(i).toArray(Anchor[]::new);
        }
    }

    private static char[] cases(char c, boolean anyCase) {
        char lower = Character.toLowerCase(c);
        char upper = Character.toUpperCase(c);
        return anyCase && lower != upper ? new char[] {lower, upper} : new char[] {c};
    }

    /** The bits of every anchor the text holds. */
    long scan(String text) {
        long[] pairs = this.pairs;
        long found = 0;
        int n = text.length();
        char previous = n == 0 ? 0 : text.charAt(0);
        for (int i = 1; i < n; i++) {
            char c = text.charAt(i);
            if ((previous | c) < ASCII) {
                int pair = previous * ASCII + c;
                if ((pairs[pair >>> 6] & (1L << pair)) != 0) {
                    found |= compare(text, i - 1, byPair[pair]);
                }
            }
            previous = c;
        }
        return found;
    }

    private static long compare(String text, int at, Anchor[] anchors) {
        long found = 0;
        for (Anchor a : anchors) {
            // any case means ASCII case here, as the patterns' (?i) does (no Unicode folding)
            if (text.regionMatches(a.anyCase(), at, a.text(), 0, a.text().length()) && ascii(text, at, a.text().length())) {
                found |= 1L << a.bit();
            }
        }
        return found;
    }

    private static boolean ascii(String text, int at, int length) {
        for (int i = at; i < at + length; i++) {
            if (text.charAt(i) >= ASCII) {
                return false;
            }
        }
        return true;
    }
}
