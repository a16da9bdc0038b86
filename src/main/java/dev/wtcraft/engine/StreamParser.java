package dev.wtcraft.engine;

import dev.wtcraft.io.JsonText;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reads one agent CLI's headless stream, line by line, into normalized events and a summary. Objects are read
 * by field, never by key order or line prefix; a line that is not a JSON object, or whose type is unknown, is
 * counted and comes back as a single `raw` event, and never stops the run.
 */
public abstract class StreamParser {
    protected final StreamSummary summary = new StreamSummary();

    public StreamSummary summary() {
        return summary;
    }

    /** The events one line stands for; empty for a known line that carries nothing new (turn.started). */
    public final List<AgentEvent> parse(String line) {
        if (line.isBlank()) {
            return List.of();
        }
        Object parsed;
        try {
            parsed = JsonText.parse(line);
        } catch (IOException | RuntimeException e) {
            return raw("not JSON");
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return raw("not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        List<AgentEvent> events = object.get("type") instanceof String type ? read(type, object) : null;
        return events == null ? raw("unknown type " + object.get("type")) : events;
    }

    /** The events of a parsed object of this type, or null when the type is not one this parser knows. */
    protected abstract List<AgentEvent> read(String type, Map<String, Object> object);

    private List<AgentEvent> raw(String why) {
        summary.unparsedLines++;
        return List.of(AgentEvent.of("raw", "reason", why));
    }

    protected static String str(Object o) {
        return o == null ? null : o.toString();
    }

    protected static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0L;
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> obj(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    protected static List<Object> list(Object o) {
        return o instanceof List<?> l ? List.copyOf(l.stream().map(x -> (Object) x).toList()) : List.of();
    }

    /** Long tool outputs are cut in the normalized event; the raw line keeps them whole. */
    protected static String clip(Object text) {
        String s = str(text);
        if (s == null || s.length() <= 4096) {
            return s;
        }
        return s.substring(0, 4096) + "... (" + (s.length() - 4096) + " more characters in the raw line)";
    }
}
