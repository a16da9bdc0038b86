package dev.wtcraft.run;

import dev.wtcraft.engine.EngineResult;
import dev.wtcraft.ledger.ReviewVerdict;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.task.CheckReport;

/** How an attempt ended, decided from its steps' results, with one line that says why. */
final class Outcomes {
    private Outcomes() {
    }

    record Decision(TaskOutcome outcome, String reason) {
    }

    static Decision decide(boolean interrupted, Attempt.Engined engine, CheckReport check, VerifyStep.Result verify) {
        EngineResult er = engine.result();
        TaskOutcome outcome = outcome(interrupted, engine, check, verify);
        String denied = er != null && er.outcome() == dev.wtcraft.engine.EngineOutcome.PERMISSION_DENIED
                ? "; the engine " + er.reason() : "";
        String reason = switch (outcome) {
            case PASSED -> (verify == null ? "check passed; no verification steps"
                    : "check passed; " + verify.report().summaryLine()) + denied;
            case SCOPE_VIOLATION -> "outside the contract: " + CheckStep.describe(check.violations()) + denied;
            case VERIFY_FAILED -> "verification failed: " + verify.report().results().stream().filter(s -> !s.passed())
                    .map(s -> "'" + s.command() + "' " + (s.timedOut() ? "timed out" : "exited " + s.exitCode()))
                    .reduce((a, b) -> a + ", " + b).orElse("") + denied;
            case BUDGET -> engine.overBudget() != null ? engine.overBudget() : "engine " + er.reason();
            case PERMISSION_DENIED -> engine.refused() != null ? engine.refused() : "engine " + er.reason();
            case ENGINE_FAILED, TIMEOUT, API_ERROR, MAX_TURNS -> "engine " + er.reason();
            case INTERRUPTED -> "interrupted; the engine's process group was stopped";
            case CONTRACT_TAMPERED -> "the task's contract or state file was tampered with";
            case SKIPPED, CHANGES_REQUESTED, PENDING, SETUP_FAILED, SANDBOX_UNAVAILABLE -> outcome.wire();
        };
        return new Decision(outcome, reason);
    }

    private static TaskOutcome outcome(boolean interrupted, Attempt.Engined engine, CheckReport check,
                                       VerifyStep.Result verify) {
        EngineResult er = engine.result();
        if (interrupted || (er != null && er.outcome() == dev.wtcraft.engine.EngineOutcome.INTERRUPTED)) {
            return TaskOutcome.INTERRUPTED;
        }
        if (engine.overBudget() != null) {
            return TaskOutcome.BUDGET;
        }
        if (engine.refused() != null) {
            return TaskOutcome.PERMISSION_DENIED;
        }
        if (er != null) {
            switch (er.outcome()) {
                case TIMED_OUT -> {
                    return TaskOutcome.TIMEOUT;
                }
                case FAILED, KILLED -> {
                    return TaskOutcome.ENGINE_FAILED;
                }
                case API_ERROR -> {
                    return TaskOutcome.API_ERROR;
                }
                case MAX_TURNS -> {
                    return TaskOutcome.MAX_TURNS;
                }
                case BUDGET -> {
                    return TaskOutcome.BUDGET;
                }
                case SUCCEEDED, PERMISSION_DENIED, INTERRUPTED -> { }
            }
        }
        if (!check.passed()) {
            return TaskOutcome.SCOPE_VIOLATION;
        }
        if (verify != null && !verify.passed()) {
            return TaskOutcome.VERIFY_FAILED;
        }
        return TaskOutcome.PASSED;
    }

    /** A passed attempt after its review: changes requested when a required review did not approve. */
    static Decision afterReview(Decision passed, ReviewService.Outcome review, boolean required, boolean interrupted) {
        if (review.verdict() != ReviewVerdict.APPROVE && required) {
            return new Decision(interrupted ? TaskOutcome.INTERRUPTED : TaskOutcome.CHANGES_REQUESTED,
                    "the review requested changes: " + review.line());
        }
        return new Decision(passed.outcome(), passed.reason() + "; review " + review.line());
    }
}
