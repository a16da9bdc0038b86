package dev.wtcraft.ledger;

/** Tokens and estimated USD an engine reported (or several, summed). */
public record Spend(long tokens, double estimatedUsd) {
    public static final Spend NONE = new Spend(0, 0);

    public Spend {
        estimatedUsd = Math.round(estimatedUsd * 1e6) / 1e6;
    }

    public Spend plus(Spend other) {
        return new Spend(tokens + other.tokens, estimatedUsd + other.estimatedUsd);
    }
}
