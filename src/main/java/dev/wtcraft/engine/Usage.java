package dev.wtcraft.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens an engine reported, as they arrive: one report per model response (Claude's per message, Codex's and
 * Gemini's from their session files), and the CLI's own totals when its final line comes. A response reported
 * again (Claude's provisional then final count) keeps the larger figure of each field; the totals replace the
 * sum of the responses field by field where they are not below it (Claude's budget stop reports zeros there).
 * Mutable while a stream is read; {@link #toDocument} is usage.json's body.
 */
public final class Usage {
    private static final int FIELDS = 5;
    private static final int IN = 0;
    private static final int CACHED = 1;
    private static final int WRITE = 2;
    private static final int OUT = 3;
    private static final int REASONING = 4;

    private final Map<String, long[]> responses = new LinkedHashMap<>();
    private final Map<String, String> responseModels = new LinkedHashMap<>();
    private final long[] live = new long[FIELDS];
    private long[] settled;
    private int settledTurns;
    /** model -> its own counts, as the CLI broke them down in its totals. */
    final Map<String, Map<String, Long>> models = new LinkedHashMap<>();
    /** What the CLI itself said it cost (itself an estimate), or null. */
    Double engineCostUsd;

    private long field(int i) {
        return settled == null ? live[i] : Math.max(live[i], settled[i]);
    }

    public long inputTokens() {
        return field(IN);
    }

    public long cachedInputTokens() {
        return field(CACHED);
    }

    public long cacheWriteInputTokens() {
        return field(WRITE);
    }

    public long outputTokens() {
        return field(OUT);
    }

    public long reasoningTokens() {
        return field(REASONING);
    }

    /**
     * Model responses: those reported one by one, else the CLI's own count (Claude's counts a turn it refused to
     * start at its limit).
     */
    public int turns() {
        return responses.isEmpty() ? settledTurns : responses.size();
    }

    /** Responses reported one by one while the stream ran. */
    int responses() {
        return responses.size();
    }

    public Double engineCostUsd() {
        return engineCostUsd;
    }

    /** Per model: the CLI's own breakdown, else what the responses add up to. */
    public Map<String, Map<String, Long>> models() {
        if (!models.isEmpty() || responseModels.isEmpty()) {
            return models;
        }
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        responses.forEach((id, c) -> {
            String model = responseModels.get(id);
            if (model != null) {
                out.merge(model, counts(c[IN], c[CACHED], c[WRITE], c[OUT], c[REASONING]), (a, b) -> {
                    Map<String, Long> sum = new LinkedHashMap<>(a);
                    b.forEach((k, v) -> sum.merge(k, v, Long::sum));
                    return sum;
                });
            }
        });
        return out;
    }

    public long totalTokens() {
        return inputTokens() + outputTokens();
    }

    /**
     * One model response's counts, reported (again) while the stream runs.
     *
     * @param model the response's model, or null
     * @return whether any figure grew
     */
    boolean report(String id, String model, long input, long cached, long cacheWrite, long output, long reasoning) {
        long[] now = {input, cached, cacheWrite, output, reasoning};
        long[] seen = responses.computeIfAbsent(id, k -> new long[FIELDS]);
        if (model != null) {
            responseModels.put(id, model);
        }
        boolean grew = false;
        for (int i = 0; i < FIELDS; i++) {
            if (now[i] > seen[i]) {
                live[i] += now[i] - seen[i];
                seen[i] = now[i];
                grew = true;
            }
        }
        return grew;
    }

    /** The CLI's own totals for this run (its final line). */
    void settle(long input, long cached, long cacheWrite, long output, long reasoning) {
        settled = new long[] {input, cached, cacheWrite, output, reasoning};
    }

    void settleTurns(int turns) {
        settledTurns = turns;
    }

    static Map<String, Long> counts(long input, long cached, long cacheWrite, long output, long reasoning) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("input_tokens", input);
        m.put("cached_input_tokens", cached);
        m.put("cache_write_input_tokens", cacheWrite);
        m.put("output_tokens", output);
        m.put("reasoning_output_tokens", reasoning);
        return m;
    }

    /** The counts so far, for a usage event. */
    Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>(counts(inputTokens(), cachedInputTokens(), cacheWriteInputTokens(),
                outputTokens(), reasoningTokens()));
        m.put("total_tokens", totalTokens());
        m.put("turns", turns());
        return m;
    }

    public Map<String, Object> toDocument() {
        Map<String, Object> m = snapshot();
        m.put("models", models());
        return m;
    }
}
