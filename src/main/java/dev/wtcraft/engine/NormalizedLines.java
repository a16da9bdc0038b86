package dev.wtcraft.engine;

import dev.wtcraft.io.JsonPointers;
import dev.wtcraft.io.JsonText;
import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.ledger.Redaction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent's output into the ledger: each stdout line through its CLI's parser, the normalized events appended
 * as `agent.<type>`, the first of them carrying the original line verbatim in `raw`. A line that stands for
 * nothing new is still kept, as an `agent` event. What the CLI's session file or stderr adds is appended the
 * same way, naming where it came from (their lines are kept elsewhere: stderr as its own events, the session
 * file by the CLI).
 *
 * <p>A long text of the first event that is a string of the raw line as it stands (a message, a command's
 * output) is written once: the event names where in `raw` it is ({@code refs}: field to JSON pointer) and the
 * ledger's reader puts it back, so the events read as they always did and the ledger is not twice the stream.
 */
final class NormalizedLines {
    /** Shorter strings are written out: a reference would save nothing. */
    static final int BY_REFERENCE = 128;

    private NormalizedLines() {
    }

    /** Appends one stdout line's events; returns them. */
    static List<AgentEvent> record(EventLog events, StreamParser parser, String line) {
        List<AgentEvent> parsed = parser.parse(line);
        Kept kept = kept(line, parser.lastParsed());
        if (parsed.isEmpty()) {
            events.appendClean("agent", Map.of("raw", kept.raw()), Map.of());
            return parsed;
        }
        boolean first = true;
        for (AgentEvent e : parsed) {
            if (!first) {
                events.append("agent." + e.type(), e.data());
                continue;
            }
            first = false;
            Map<String, Object> d = new LinkedHashMap<>();
            Map<String, String> refs = new LinkedHashMap<>();
            Object tree = kept.pointable() ? parser.lastParsed() : null;
            for (Map.Entry<String, Object> field : e.data().entrySet()) {
                Object v = field.getValue();
                String pointer = tree != null && v instanceof String s && s.length() >= BY_REFERENCE
                        && !field.getKey().equals("raw") ? JsonPointers.find(tree, s) : null;
                if (pointer != null) {
                    refs.put(field.getKey(), pointer);
                } else {
                    d.put(field.getKey(), Redaction.deep(v));
                }
            }
            d.put("raw", kept.raw());
            events.appendClean("agent." + e.type(), d, refs);
        }
        return parsed;
    }

    /**
     * The line as the ledger keeps it ({@code raw}), and whether every string of the parsed line reads the same there
     * and redaction leaves it as it is ({@code pointable}: a field may then be written as a pointer into the line).
     */
    record Kept(String raw, boolean pointable) {
    }

    /**
     * The line redacted as text. A line without escapes is its strings' very characters, so a secret or credential
     * in any of them was found in the line. A line with escapes can hide from the text what its strings say
     * (`\u0073k-ant-...`, `https:\/\/user:password@`): its strings are redacted as well, and if that changes any, it
     * is written again from them, so no reader that decodes it finds a secret. Such a line is no longer verbatim:
     * what it would have shown is redacted.
     */
    static Kept kept(String line, Object parsed) {
        String raw = Redaction.apply(line);
        if (parsed == null) {
            return new Kept(raw, false);
        }
        if (line.indexOf('\\') >= 0) {
            Object clean = Redaction.deep(parsed);
            if (!clean.equals(parsed)) {
                return new Kept(JsonText.write(clean), false);
            }
        }
        return new Kept(raw, raw == line);
    }

    /** Appends events read from elsewhere than stdout. */
    static void append(EventLog events, List<AgentEvent> parsed, String source) {
        for (AgentEvent e : parsed) {
            Map<String, Object> d = new LinkedHashMap<>(e.data());
            d.put("source", source);
            events.append("agent." + e.type(), d);
        }
    }

    static boolean reportsUsage(List<AgentEvent> events) {
        return events.stream().anyMatch(e -> e.type().equals("usage"));
    }
}
