package dev.wtcraft.ledger;

import java.util.List;
import java.util.Map;

/**
 * `usage.json`: the tokens an engine reported and what they are estimated to cost. Empty ({@link #NONE}) for engines
 * that report none (the shell engine).
 *
 * @param models  per model: its own counts (input_tokens, cached_input_tokens, cache_write_input_tokens,
 *                output_tokens, reasoning_output_tokens)
 * @param sessionInputTokens the running totals of the CLI's session (these four), for CLIs that report them
 *                           across a resume; else null
 */
public record UsageRecord(int schemaVersion, String engine, String kind, String sessionId, String model,
                          long inputTokens, long cachedInputTokens, long cacheWriteInputTokens, long outputTokens,
                          long reasoningOutputTokens, long totalTokens, int turns, Map<String, Map<String, Long>> models,
                          Cost cost, int unparsedLines, Long sessionInputTokens, Long sessionCachedInputTokens,
                          Long sessionOutputTokens, Long sessionReasoningOutputTokens) implements LedgerDocument {
    public static final UsageRecord NONE = new UsageRecord(SCHEMA_VERSION, null, null, null, null, 0, 0, 0, 0, 0, 0, 0,
            Map.of(), null, 0, null, null, null, null);

    public UsageRecord {
        models = models == null ? Map.of() : models;
    }

    /**
     * A cost estimate from a price table, never a bill.
     *
     * @param estimateUsd       the estimate, or null when a model had no price
     * @param engineReportedUsd what the CLI itself said it cost (an estimate too), or null
     */
    public record Cost(Double estimateUsd, String basis, List<String> unpricedModels, Double engineReportedUsd) {
        public Cost {
            unpricedModels = unpricedModels == null ? List.of() : List.copyOf(unpricedModels);
        }
    }

    /** Total tokens and the estimate (else the CLI's own figure). */
    public Spend spend() {
        Double usd = cost == null ? null : cost.estimateUsd() != null ? cost.estimateUsd() : cost.engineReportedUsd();
        return new Spend(totalTokens, usd == null ? 0 : usd);
    }
}
