package dev.wtcraft.model;

import java.time.Duration;

/**
 * The `wtcraft {}` block: defaults for every task and settings of the run.
 *
 * @param parallel  false: no two tasks at once
 * @param jobs      how many tasks at once, or null for the machine's default
 * @param stopOnFailure stop everything on the first failure (default: finish what does not depend on it)
 * @param budget    what the whole run may spend, or null
 * @param review    the review of every task that has an engine (unless it says `review false`), or null
 * @param sandbox   the sandbox of every task (unless it says `sandbox false`), or null
 * @param environment the environment of every task that declares none, or null
 * @param policy    the policy every task runs under (a task's own rules are added), or null
 * @param setup     what prepares every task's worktree (a task's own steps run after it), or null
 */
public record Defaults(String base, Duration timeout, Integer attempts, boolean parallel, Integer jobs,
                       boolean stopOnFailure, Budget budget, Budget taskBudget, Review review, Sandbox sandbox,
                       Environment environment, Policy policy, Setup setup) {
    public static Defaults none() {
        return new Defaults(null, null, null, true, null, false, null, null, null, null, null, null, null);
    }
}
