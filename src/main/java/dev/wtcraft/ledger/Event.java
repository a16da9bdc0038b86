package dev.wtcraft.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wtcraft.io.JsonPointers;
import dev.wtcraft.io.JsonText;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of `events.jsonl` (and of `landings.jsonl`): numbered, stamped, typed. {@code data} depends on the type;
 * for an engine's own lines it holds the line verbatim ({@code line}, or {@code raw} for an agent's stream) next to
 * what was read from it. A long text read from the raw line is written once: {@code refs} names, for such a field of
 * {@code data}, the JSON pointer to it inside {@code raw}, and reading the event puts it back into {@code data}, so a
 * reader sees every field whichever way it was written.
 */
public record Event(long seq, Instant ts, String type, Map<String, Object> data,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> refs) {
    public Event {
        data = data == null ? Map.of() : data;
        refs = refs == null ? Map.of() : refs;
        if (!refs.isEmpty()) {
            data = resolved(data, refs);
            refs = Map.of();
        }
    }

    public Event(long seq, Instant ts, String type, Map<String, Object> data) {
        this(seq, ts, type, data, Map.of());
    }

    public String text(String key) {
        Object v = data.get(key);
        return v == null ? null : v.toString();
    }

    /** The data with each field held by reference read from the raw line; a reference that names nothing is refused. */
    private static Map<String, Object> resolved(Map<String, Object> data, Map<String, String> refs) {
        Object raw = data.get("raw");
        Object tree;
        try {
            tree = raw instanceof String s ? JsonText.parse(s) : null;
        } catch (java.io.IOException | RuntimeException e) {
            tree = null;
        }
        Map<String, Object> out = new LinkedHashMap<>(data);
        for (Map.Entry<String, String> ref : refs.entrySet()) {
            Object value = tree == null ? null : JsonPointers.at(tree, ref.getValue());
            if (!(value instanceof String)) {
                throw new IllegalArgumentException("refs." + ref.getKey() + " names " + ref.getValue()
                        + ", which the event's raw line does not hold as a string");
            }
            out.put(ref.getKey(), value);
        }
        return out;
    }
}
