package dev.wtcraft.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens an engine reported, summed as each CLI wants: Codex per turn, Claude once per message (or its result's
 * totals), Gemini from its result. Mutable while a stream is read; {@link #toDocument} is usage.json's body.
 */
public final class Usage {
    long inputTokens;
    long cachedInputTokens;
    long cacheWriteInputTokens;
    long outputTokens;
    long reasoningTokens;
    int turns;
    /** model -> its own counts (same keys as the totals). */
    final Map<String, Map<String, Long>> models = new LinkedHashMap<>();
    /** What the CLI itself said it cost (itself an estimate), or null. */
    Double engineCostUsd;

    public long inputTokens() {
        return inputTokens;
    }

    public long cachedInputTokens() {
        return cachedInputTokens;
    }

    public long outputTokens() {
        return outputTokens;
    }

    public long reasoningTokens() {
        return reasoningTokens;
    }

    public long cacheWriteInputTokens() {
        return cacheWriteInputTokens;
    }

    public int turns() {
        return turns;
    }

    public Double engineCostUsd() {
        return engineCostUsd;
    }

    public Map<String, Map<String, Long>> models() {
        return models;
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /**
     * This run's own share, when the CLI reports a running total that already held {@code before} (the usage.json
     * of the attempt it resumed, with its session_* totals). A new Usage; this one is unchanged.
     */
    Usage minus(Map<String, Object> before) {
        Usage own = new Usage();
        own.inputTokens = Math.max(0, inputTokens - n(before.get("session_input_tokens")));
        own.cachedInputTokens = Math.max(0, cachedInputTokens - n(before.get("session_cached_input_tokens")));
        own.cacheWriteInputTokens = cacheWriteInputTokens;
        own.outputTokens = Math.max(0, outputTokens - n(before.get("session_output_tokens")));
        own.reasoningTokens = Math.max(0, reasoningTokens - n(before.get("session_reasoning_output_tokens")));
        own.turns = turns;
        own.models.putAll(models);
        own.engineCostUsd = engineCostUsd;
        return own;
    }

    private static long n(Object o) {
        return o instanceof Number x ? x.longValue() : 0L;
    }

    void set(long input, long cached, long cacheWrite, long output, long reasoning) {
        inputTokens = input;
        cachedInputTokens = cached;
        cacheWriteInputTokens = cacheWrite;
        outputTokens = output;
        reasoningTokens = reasoning;
    }

    void add(long input, long cached, long cacheWrite, long output, long reasoning) {
        inputTokens += input;
        cachedInputTokens += cached;
        cacheWriteInputTokens += cacheWrite;
        outputTokens += output;
        reasoningTokens += reasoning;
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

    public Map<String, Object> toDocument() {
        Map<String, Object> m = new LinkedHashMap<>(counts(inputTokens, cachedInputTokens, cacheWriteInputTokens,
                outputTokens, reasoningTokens));
        m.put("total_tokens", totalTokens());
        m.put("turns", turns);
        m.put("models", models);
        return m;
    }
}
