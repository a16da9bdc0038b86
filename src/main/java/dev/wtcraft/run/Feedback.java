package dev.wtcraft.run;

import dev.wtcraft.scope.Violation;
import dev.wtcraft.task.CheckReport;
import dev.wtcraft.task.VerifyReport;
import dev.wtcraft.task.VerifyService;

import java.util.Deque;
import java.util.List;
import java.util.Map;

/** What the next attempt is told: what broke the contract, and what the failing steps printed. */
final class Feedback {
    private Feedback() {
    }

    static String render(String originalPrompt, CheckReport check, VerifyReport verify,
                         Map<Integer, Deque<String>> output, ReviewService.Outcome review, boolean resumed) {
        StringBuilder md = new StringBuilder();
        if (!resumed && originalPrompt != null && !originalPrompt.isBlank()) {
            md.append(originalPrompt.strip()).append("\n\n");
        }
        md.append("The previous attempt did not pass wtcraft's checks or its review. Fix what follows and keep the rest of the work.\n");
        List<Violation> violations = check == null ? List.of() : check.violations();
        if (!violations.isEmpty()) {
            md.append("\nChanges outside the contract (undo them):\n");
            for (Violation v : violations) {
                md.append("- ").append(v.message()).append('\n');
            }
        }
        if (verify != null && !verify.passed()) {
            md.append("\nFailed verification:\n");
            for (VerifyService.StepResult s : verify.results()) {
                if (s.passed()) {
                    continue;
                }
                md.append("- `").append(s.command()).append("` ")
                        .append(s.timedOut() ? "timed out" : "exited " + s.exitCode()).append('\n');
                Deque<String> lines = output.get(s.index());
                if (lines != null && !lines.isEmpty()) {
                    md.append("  Its last output:\n");
                    lines.forEach(l -> md.append("      ").append(l).append('\n'));
                }
            }
        }
        if (review != null && review.verdict() != dev.wtcraft.ledger.ReviewVerdict.APPROVE) {
            md.append("\nThe reviewer (").append(review.record().reviewer()).append(") requested changes");
            if (review.note() != null) {
                md.append(": ").append(review.note());
            }
            md.append('\n');
            String reasons = review.reading().reasons();
            if (reasons != null && !reasons.isBlank()) {
                reasons.strip().lines().forEach(l -> md.append("    ").append(l).append('\n'));
            }
        }
        return md.toString();
    }
}
