package dev.wtcraft.run;

import dev.wtcraft.ledger.ReviewVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a reviewer's answer. Only a clear `VERDICT: APPROVE` line approves; anything else requests changes. */
public final class Verdict {
    private Verdict() {
    }

    /** The line a verdict is read from, once Markdown emphasis, quoting and spacing around it are dropped. */
    private static final Pattern LINE = Pattern.compile("^VERDICT:\\s*([A-Z_]+)$");

    /** What a final message said: the verdict, the reasons given with it, and why it counts as it does. */
    public record Reading(ReviewVerdict verdict, String reasons, String note) {
        /** The first line of the reasons (or the note), short enough for a summary. */
        public String summary() {
            String text = reasons == null || reasons.isBlank() ? note : reasons;
            if (text == null) {
                return null;
            }
            String first = text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
            first = first.replaceFirst("^[-*]\\s+", "");
            return first.length() > 200 ? first.substring(0, 197) + "..." : first;
        }
    }

    /** Reads a reviewer's final message (null when it gave none). */
    public static Reading read(String message) {
        if (message == null || message.isBlank()) {
            return new Reading(ReviewVerdict.REQUEST_CHANGES, null, "the reviewer gave no final message");
        }
        List<String> lines = message.lines().toList();
        int at = -1;
        String value = null;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(plain(lines.get(i)));
            if (m.matches()) {
                at = i;
                value = m.group(1);
                seen.add(value);
            }
        }
        if (at < 0) {
            return new Reading(ReviewVerdict.REQUEST_CHANGES, message.strip(),
                    "the reviewer's final message has no 'VERDICT: APPROVE' or 'VERDICT: REQUEST_CHANGES' line");
        }
        String reasons = String.join("\n", lines.subList(at + 1, lines.size())).strip();
        if (reasons.isEmpty()) {
            reasons = String.join("\n", lines.subList(0, at)).strip();
        }
        if (seen.stream().distinct().count() > 1) {
            return new Reading(ReviewVerdict.REQUEST_CHANGES, reasons, "the reviewer gave conflicting verdicts: " + String.join(", ", seen));
        }
        return switch (value) {
            case "APPROVE" -> new Reading(ReviewVerdict.APPROVE, reasons, null);
            case "REQUEST_CHANGES" -> new Reading(ReviewVerdict.REQUEST_CHANGES, reasons, null);
            default -> new Reading(ReviewVerdict.REQUEST_CHANGES, reasons, "unknown verdict '" + value
                    + "' (only APPROVE and REQUEST_CHANGES count)");
        };
    }

    /** A line without the Markdown a model likes to wrap a verdict in: `**VERDICT: APPROVE**`, `> VERDICT: ...`. */
    private static String plain(String line) {
        String t = line.strip();
        t = t.replaceAll("^[>#\\s]+", "");
        t = t.replaceAll("^[*_`]+|[*_`.]+$", "").strip();
        return t.replaceAll("^VERDICT\\s*:\\s*[*_`]*", "VERDICT: ").replaceAll("[*_`]+$", "").strip();
    }
}
