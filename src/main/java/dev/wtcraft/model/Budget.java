package dev.wtcraft.model;

/** What a task or a run may spend, from what the engines report: tokens and estimated USD (null: no limit). */
public record Budget(Long tokens, Double usd) {
    public boolean exceededBy(long tokensSpent, double usdSpent) {
        return tokens != null && tokensSpent >= tokens || usd != null && usdSpent >= usd;
    }

    @Override
    public String toString() {
        return (tokens == null ? "" : tokens + " tokens") + (tokens != null && usd != null ? ", " : "")
                + (usd == null ? "" : usd(usd));
    }

    /** Dollars with the precision they have ($0.005, $1.5), never rounded to cents. */
    public static String usd(double amount) {
        return "$" + java.math.BigDecimal.valueOf(amount).stripTrailingZeros().toPlainString();
    }
}
