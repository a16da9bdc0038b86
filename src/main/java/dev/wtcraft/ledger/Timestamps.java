package dev.wtcraft.ledger;

import java.time.Clock;
import java.time.Instant;

/**
 * The ledger's timestamps, as {@link Instant#toString} writes them (UTC, the fraction in groups of three digits as
 * needed), without formatting the date again for every line: the text up to the second is kept while it holds.
 */
final class Timestamps {
    private static final Clock UTC = Clock.systemUTC();
    private static long second = Long.MIN_VALUE;
    private static String prefix = "";

    private Timestamps() {
    }

    static synchronized String now() {
        return format(UTC.instant());
    }

    static synchronized String format(Instant t) {
        if (t.getEpochSecond() != second) {
            String whole = Instant.ofEpochSecond(t.getEpochSecond()).toString(); // ...:ssZ
            if (whole.length() != 20) {
                return t.toString(); // a year outside 0000-9999: not worth a fast path
            }
            prefix = whole.substring(0, 19);
            second = t.getEpochSecond();
        }
        int nano = t.getNano();
        if (nano == 0) {
            return prefix + "Z";
        }
        StringBuilder s = new StringBuilder(30).append(prefix).append('.');
        int digits = nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
        int value = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1000 : nano;
        String text = Integer.toString(value);
        for (int pad = digits - text.length(); pad > 0; pad--) {
            s.append('0');
        }
        return s.append(text).append('Z').toString();
    }
}
