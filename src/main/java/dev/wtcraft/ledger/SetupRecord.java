package dev.wtcraft.ledger;

import java.util.List;

/**
 * `setup.json`: how a task's worktree was prepared before its engine started, step by step.
 *
 * @param passed whether every step passed (the engine ran only then)
 * @param reason why the setup failed, or null
 * @param steps  the steps that ran, in order; those after a failure are not listed
 */
public record SetupRecord(int schemaVersion, boolean passed, String reason, double durationSeconds, List<Step> steps)
        implements LedgerDocument {
    public SetupRecord {
        steps = List.copyOf(steps);
    }

    /**
     * One step.
     *
     * @param kind     run, copy or link
     * @param what     the step as the plan shows it
     * @param status   pass, fail, or cached (a run whose cache was reused: the command did not run)
     * @param exitCode a run's exit code (-1 when killed for the timeout), or null
     * @param cacheKey the cache entry a run used or filled, or null
     * @param reason   why it failed, or null
     */
    public record Step(int index, String kind, String what, String status, Integer exitCode, double durationSeconds,
                       String cacheKey, String reason) {
        public boolean passed() {
            return !"fail".equals(status);
        }
    }
}
