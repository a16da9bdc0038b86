package dev.wtcraft.trace;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One span as the ledger tells it, before any OpenTelemetry class is involved.
 *
 * @param parentId   null for the run's root span
 * @param attributes String, Long, Double or Boolean values only, already redacted
 * @param error      the step failed; {@code status} says why
 */
record TraceSpan(String spanId, String parentId, String name, Instant start, Instant end,
                 Map<String, Object> attributes, boolean error, String status) {
    TraceSpan {
        end = end == null || end.isBefore(start) ? start : end;
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
