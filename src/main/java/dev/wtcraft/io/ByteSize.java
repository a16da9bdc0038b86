package dev.wtcraft.io;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes in bytes as people write and read them: binary multiples (KiB, MiB, GiB, TiB). */
public final class ByteSize {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final Pattern WRITTEN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(?:i?b)?",
            Pattern.CASE_INSENSITIVE);

    private ByteSize() {
    }

    /** 0 B, 512 B, 9.8 KiB, 1.2 GiB: three significant figures at most, one decimal below 10. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }

    /**
     * A size as a user writes it: {@code 20G}, {@code 500M}, {@code 1.5GiB}, {@code 800k}, {@code 1048576}; units
     * are binary (G is 1024^3). Null when the text is not one.
     */
    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = WRITTEN.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        int power = "bkmgtp".indexOf(m.group(2).isEmpty() ? 'b' : Character.toLowerCase(m.group(2).charAt(0)));
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(1024, power);
        return bytes >= Long.MAX_VALUE ? null : (long) bytes;
    }
}
