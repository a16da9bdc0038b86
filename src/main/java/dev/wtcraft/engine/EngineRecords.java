package dev.wtcraft.engine;

import dev.wtcraft.model.EngineKind;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What agent and replay engines both write: the usage.json body and the engine.exited event. */
final class EngineRecords {
    private EngineRecords() {
    }

    /** @param usage the tokens to record: the summary's own, or this run's share of a running total */
    static Map<String, Object> usage(String engine, String kind, EngineKind pricedAs, String model,
                                     StreamSummary summary, Usage usage, PriceTable prices) {
        String m = summary.model() != null ? summary.model() : model;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("engine", engine);
        doc.put("kind", kind);
        doc.put("session_id", summary.sessionId());
        doc.put("model", m);
        doc.putAll(usage.toDocument());
        doc.put("cost", prices.estimate(pricedAs, m, usage));
        doc.put("unparsed_lines", summary.unparsedLines());
        return doc;
    }

    static Map<String, Object> exited(int exitCode, Classifier.Verdict verdict, Duration duration, StreamSummary summary) {
        Map<String, Object> exited = new LinkedHashMap<>();
        exited.put("exit_code", exitCode);
        exited.put("outcome", verdict.outcome().wire());
        exited.put("reason", verdict.reason());
        exited.put("duration_seconds", duration.toMillis() / 1000.0);
        exited.put("session_id", summary.sessionId());
        exited.put("unparsed_lines", summary.unparsedLines());
        return exited;
    }
}
