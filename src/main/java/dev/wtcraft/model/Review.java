package dev.wtcraft.model;

import java.time.Duration;

/**
 * A task's review: a second engine reads the contract, the diff and the verification results, read-only, and
 * answers `VERDICT: APPROVE` or `VERDICT: REQUEST_CHANGES`.
 *
 * @param engine   the reviewing engine's name
 * @param prompt   what the reviewer should look at in particular, or null
 * @param required whether the task may finish only once approved (default true)
 * @param timeout  how long the reviewer may take, or null for the engine's or the recipe's
 */
public record Review(String engine, Prompt prompt, boolean required, Duration timeout, SourceLocation location) {
}
