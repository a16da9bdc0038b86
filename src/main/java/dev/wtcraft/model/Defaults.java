package dev.wtcraft.model;

import java.time.Duration;

/** The `wtcraft {}` block: defaults for every task. */
public record Defaults(String base, Duration timeout, Integer attempts) {
    public static Defaults none() {
        return new Defaults(null, null, null);
    }
}
