package dev.wtcraft.run;

import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.Review;
import dev.wtcraft.plan.EffectiveTask;
import dev.wtcraft.task.CheckReport;
import dev.wtcraft.task.VerifyReport;

import java.time.Duration;
import java.util.Map;

/** The review of an attempt that passed its gates, in the attempt's `review/` ledger directory, read-only. */
final class ReviewStep {
    private ReviewStep() {
    }

    static ReviewService.Outcome run(AttemptContext a, CheckReport check, VerifyReport verify) {
        TaskContext t = a.task();
        EffectiveTask task = t.task();
        Review review = task.review();
        EngineSpec spec = task.reviewer();
        if (spec.name().equals(task.def().engine())) {
            a.step("note: the reviewer is the task's own engine (" + spec.name() + ")");
        }
        a.step("review by " + spec.name());
        a.events().append("review.started", Map.of("reviewer", spec.name()));
        Duration timeout = review.timeout() != null ? review.timeout()
                : spec.timeout() != null ? spec.timeout() : t.plan().recipe().defaults().timeout();
        TaskLedger reviewLedger = a.ledger().next("review");
        ReviewService.Outcome o;
        // the reviewer runs in the task's sandbox, read-only whatever the task may write
        try (Sandboxes.Confinement sandbox = Confine.of(t, spec, a.worktree(), reviewLedger, true)) {
            if (task.sandbox() != null) {
                a.events().append("review.sandbox", sandbox.record());
            }
            var boundary = Confine.boundary(task, t.control(), sandbox, true,
                    CommandGate.forAgent(task.policy(), t.control().approvals));
            o = ReviewService.review(a.worktree(), new ReviewService.Request(spec,
                            review.prompt() == null ? null : review.prompt().text(), review.required(), timeout, boundary),
                    reviewLedger, t.control().host(), check, verify);
        }
        a.events().append("review.verdict", Map.of("verdict", o.verdict().wire(), "reviewer", o.record().reviewer(),
                "summary", o.record().summary() == null ? "" : o.record().summary()));
        a.step("review " + o.line());
        return o;
    }
}
