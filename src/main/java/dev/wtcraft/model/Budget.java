package dev.wtcraft.model;

/** What a task or a run may spend, from what the engines report: tokens and estimated USD (null: no limit). */
public record Budget(Long tokens, Double usd) {
    public boolean exceededBy(long tokensSpent, double usdSpent) {
        return tokens != null && tokensSpent >= tokens || usd != null && usdSpent >= usd;
    }

    @Override
    public String toString() {
        return (tokens == null ? "" : tokens + " tokens") + (tokens != null && usd != null ? ", " : "")
                + (usd == null ? "" : String.format(java.util.Locale.ROOT, "$%.2f", usd));
    }
}
