package dev.wtcraft.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * One line of `events.jsonl` (and of `landings.jsonl`): numbered, stamped, typed. {@code data} depends on the type;
 * for an engine's own lines it holds the line verbatim ({@code line}) next to what was read from it.
 */
public record Event(long seq, Instant ts, String type, Map<String, Object> data) {
    public Event {
        data = data == null ? Map.of() : data;
    }

    public String text(String key) {
        Object v = data.get(key);
        return v == null ? null : v.toString();
    }
}
