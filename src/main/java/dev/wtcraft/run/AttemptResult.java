package dev.wtcraft.run;

import dev.wtcraft.engine.EngineResult;
import dev.wtcraft.ledger.Spend;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.task.CheckReport;

/**
 * What one attempt came to.
 *
 * @param engine the engine's result, or null when none ran
 * @param check  the check of the attempt's changes, or null when it did not get that far
 * @param verify the verification, or null when none ran
 * @param spend  what this attempt's engine and reviewer spent
 * @param review the review, or null when none ran
 */
record AttemptResult(EngineResult engine, CheckReport check, VerifyStep.Result verify, TaskOutcome outcome,
                     String reason, Spend spend, ReviewService.Outcome review) {
    boolean retryable() {
        return switch (outcome) {
            case SCOPE_VIOLATION, VERIFY_FAILED, CHANGES_REQUESTED -> true;
            case PASSED, ENGINE_FAILED, TIMEOUT, BUDGET, MAX_TURNS, API_ERROR, PERMISSION_DENIED, CONTRACT_TAMPERED,
                 SKIPPED, INTERRUPTED, PENDING, SETUP_FAILED, SANDBOX_UNAVAILABLE -> false;
        };
    }
}
