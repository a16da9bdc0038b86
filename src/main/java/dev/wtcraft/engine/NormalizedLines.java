package dev.wtcraft.engine;

import dev.wtcraft.ledger.EventLog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent's output into the ledger: each stdout line through its CLI's parser, the normalized events appended
 * as `agent.<type>`, the first of them carrying the original line verbatim in `raw`. A line that stands for
 * nothing new is still kept, as an `agent` event. What the CLI's session file or stderr adds is appended the
 * same way, naming where it came from (their lines are kept elsewhere: stderr as its own events, the session
 * file by the CLI).
 */
final class NormalizedLines {
    private NormalizedLines() {
    }

    /** Appends one stdout line's events; returns them. */
    static List<AgentEvent> record(EventLog events, StreamParser parser, String line) {
        List<AgentEvent> parsed = parser.parse(line);
        if (parsed.isEmpty()) {
            events.append("agent", Map.of("raw", line));
            return parsed;
        }
        boolean first = true;
        for (AgentEvent e : parsed) {
            Map<String, Object> d = new LinkedHashMap<>(e.data());
            if (first) {
                d.put("raw", line);
                first = false;
            }
            events.append("agent." + e.type(), d);
        }
        return parsed;
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
