package dev.wtcraft.ledger;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnchorScanTest {
    private static final List<AnchorScan.Anchor> ANCHORS = List.of(
            new AnchorScan.Anchor("sk-", 0, false), new AnchorScan.Anchor("sk-ant-", 1, false),
            new AnchorScan.Anchor("k-a", 2, false), new AnchorScan.Anchor("xox", 3, false),
            new AnchorScan.Anchor("Bearer ", 4, true), new AnchorScan.Anchor("aab", 5, false));

    /** What the automaton must agree with: every anchor looked for at every position. */
    private static long naive(String text) {
        long found = 0;
        for (AnchorScan.Anchor a : ANCHORS) {
            for (int i = 0; i + a.text().length() <= text.length(); i++) {
                if (text.regionMatches(a.anyCase(), i, a.text(), 0, a.text().length())
                        && text.substring(i, i + a.text().length()).chars().allMatch(c -> c < 128)) {
                    found |= 1L << a.bit();
                }
            }
        }
        return found;
    }

    @Test
    void findsOverlappingAndNestedAnchorsThroughFailureLinks() {
        AnchorScan scan = new AnchorScan(ANCHORS);
        assertEquals(0b111, scan.scan("xxsk-ant-yy"));
        assertEquals(0b1000, scan.scan("xxxox"));
        assertEquals(0b100000, scan.scan("aaab"));
        assertEquals(0b10000, scan.scan("Authorization: BEARER abc"));
        assertEquals(0, scan.scan("s\u00e9k-"));
        assertEquals(0, scan.scan(""));
    }

    @Test
    void agreesWithLookingAtEveryPosition() {
        AnchorScan scan = new AnchorScan(ANCHORS);
        Random random = new Random(7);
        String alphabet = "sk-antxoBbEeRr aA\u00e9";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(naive(text.toString()), scan.scan(text.toString()), () -> "for " + text);
        }
    }
}
