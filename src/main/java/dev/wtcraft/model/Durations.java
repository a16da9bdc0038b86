package dev.wtcraft.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as recipes write them: `90s`, `5m`, `1h30m`, `500ms`, `2d`. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration, or null when the text is not one. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = PART.matcher(text.strip());
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new IllegalStateException(m.group(2));
            });
            end = m.end();
        }
        return end == text.strip().length() && end > 0 ? total : null;
    }

    /** The short form: 1h30m, 5m, 90s -> 1m30s, 500ms. */
    public static String format(Duration d) {
        if (d == null) {
            return "-";
        }
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.getSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 86400 && s % 86400 == 0) {
            return (s / 86400) + "d";
        }
        if (s >= 3600) {
            out.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || out.length() == 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }
}
