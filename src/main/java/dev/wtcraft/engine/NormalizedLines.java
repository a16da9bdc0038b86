package dev.wtcraft.engine;

import dev.wtcraft.ledger.EventLog;

import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent's stdout into the ledger: each line through its CLI's parser, the normalized events appended as
 * `agent.<type>`, the first of them carrying the original line verbatim in `raw`. A line that stands for nothing
 * new is still kept, as an `agent` event.
 */
final class NormalizedLines {
    private NormalizedLines() {
    }

    static OutputStream stream(EventLog events, StreamParser parser, Runnable onUsage) {
        return EventLog.lineStream(line -> record(events, parser, line, onUsage));
    }

    static void record(EventLog events, StreamParser parser, String line, Runnable onUsage) {
        List<AgentEvent> parsed = parser.parse(line);
        if (parsed.stream().anyMatch(e -> e.type().equals("usage"))) {
            onUsage.run();
        }
        if (parsed.isEmpty()) {
            events.append("agent", Map.of("raw", line));
            return;
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
    }
}
