package dev.wtcraft.ledger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which of a set of literal anchors a text holds, in one pass over it: an Aho-Corasick automaton compiled into a
 * transition table over ASCII (no anchor holds anything else, so any other character starts over). Each anchor
 * stands for a bit; the scan returns the union of the bits of every anchor found. Anchors that match in any case
 * live in a second table read over the text folded to lower case, so a text is read once per table.
 */
final class AnchorScan {
    private static final int ASCII = 128;

    private final Table exact;
    private final Table anyCase;

    /** One anchor and the bit (0 to 63) it sets. */
    record Anchor(String text, int bit, boolean anyCase) {
    }

    AnchorScan(List<Anchor> anchors) {
        List<Anchor> exactOnes = new ArrayList<>();
        List<Anchor> folded = new ArrayList<>();
        for (Anchor a : anchors) {
            if (a.bit() < 0 || a.bit() > 63) {
                throw new IllegalArgumentException("an anchor's bit is 0 to 63: " + a);
            }
            for (int i = 0; i < a.text().length(); i++) {
                if (a.text().charAt(i) >= ASCII) {
                    throw new IllegalArgumentException("anchors are ASCII: " + a.text());
                }
            }
            if (a.anyCase()) {
                folded.add(new Anchor(a.text().toLowerCase(Locale.ROOT), a.bit(), true));
            } else {
                exactOnes.add(a);
            }
        }
        this.exact = exactOnes.isEmpty() ? null : Table.of(exactOnes);
        this.anyCase = folded.isEmpty() ? null : Table.of(folded);
    }

    /** The bits of every anchor the text holds. */
    long scan(CharSequence text) {
        long found = exact == null ? 0 : exact.scan(text, false);
        return anyCase == null ? found : found | anyCase.scan(text, true);
    }

    /** The automaton: state * 128 + character gives the next state; {@code out[state]} the bits ending there. */
    private record Table(int[] next, long[] out) {
        static Table of(List<Anchor> anchors) {
            // the trie
            List<int[]> edges = new ArrayList<>();
            List<Long> outs = new ArrayList<>();
            edges.add(filled());
            outs.add(0L);
            for (Anchor a : anchors) {
                int s = 0;
                for (int i = 0; i < a.text().length(); i++) {
                    char c = a.text().charAt(i);
                    if (edges.get(s)[c] < 0) {
                        edges.get(s)[c] = edges.size();
                        edges.add(filled());
                        outs.add(0L);
                    }
                    s = edges.get(s)[c];
                }
                outs.set(s, outs.get(s) | 1L << a.bit());
            }
            // failure links, breadth first, folded into the table so the scan never follows one
            int n = edges.size();
            int[] next = new int[n * ASCII];
            long[] out = new long[n];
            int[] fail = new int[n];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int c = 0; c < ASCII; c++) {
                int child = edges.get(0)[c];
                next[c] = Math.max(child, 0);
                if (child > 0) {
                    fail[child] = 0;
                    queue.add(child);
                }
            }
            out[0] = outs.get(0);
            while (!queue.isEmpty()) {
                int s = queue.poll();
                out[s] = outs.get(s) | out[fail[s]];
                for (int c = 0; c < ASCII; c++) {
                    int child = edges.get(s)[c];
                    if (child > 0) {
                        fail[child] = next[fail[s] * ASCII + c];
                        next[s * ASCII + c] = child;
                        queue.add(child);
                    } else {
                        next[s * ASCII + c] = next[fail[s] * ASCII + c];
                    }
                }
            }
            return new Table(next, out);
        }

        private static int[] filled() {
            int[] row = new int[ASCII];
            java.util.Arrays.fill(row, -1);
            return row;
        }

        long scan(CharSequence text, boolean fold) {
            int[] next = this.next;
            long[] out = this.out;
            long found = 0;
            int s = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                char c = text.charAt(i);
                if (c >= ASCII) {
                    s = 0;
                    continue;
                }
                if (fold && c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
                s = next[s * ASCII + c];
                found |= out[s];
            }
            return found;
        }
    }
}
