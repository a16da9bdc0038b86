package dev.wtcraft.run;

import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.scope.Violation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's result in a run.
 *
 * @param verifyTotal  number of verification steps run (0 when none ran)
 * @param ledger       the task's ledger directory
 * @param attempts     how many attempts ran (0 when skipped before starting)
 * @param review       the last attempt's review, or null when none ran
 */
public record TaskResult(String task, TaskOutcome outcome, String reason, String engine, Path worktree,
                         String branch, String base, List<String> changedFiles, List<Violation> violations,
                         int verifyPassed, int verifyTotal, Duration duration, Path ledger, int attempts,
                         Spend spend, ReviewService.Outcome review) {

    /** Tokens and estimated USD a task's engine reported, over all its attempts. */
    public record Spend(long tokens, double usd) {
        public static final Spend NONE = new Spend(0, 0);

        public Spend plus(Spend other) {
            return new Spend(tokens + other.tokens, usd + other.usd);
        }

        public Map<String, Object> toDocument() {
            return Map.of("tokens", tokens, "estimated_usd", Math.round(usd * 1e6) / 1e6);
        }
    }

    public static TaskResult skipped(String task, String engine, String reason, Path ledger) {
        return new TaskResult(task, TaskOutcome.SKIPPED, reason, engine, null, null, null, List.of(), List.of(), 0, 0,
                Duration.ZERO, ledger, 0, Spend.NONE, null);
    }

    public Map<String, Object> toDocument() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("outcome", outcome.wire());
        m.put("reason", reason);
        m.put("engine", engine);
        m.put("worktree", worktree == null ? null : worktree.toString());
        m.put("branch", branch);
        m.put("base", base);
        m.put("changed_files", changedFiles);
        m.put("violations", violations.stream().map(v -> {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("kind", v.kind().wire());
            vm.put("file", v.file());
            vm.put("matched", v.matched());
            return vm;
        }).toList());
        m.put("verify", Map.of("passed", verifyPassed, "failed", verifyTotal - verifyPassed, "total", verifyTotal));
        m.put("attempts", attempts);
        m.put("spend", spend.toDocument());
        m.put("review", review == null ? null : review.toDocument());
        m.put("duration_seconds", duration.toMillis() / 1000.0);
        m.put("ledger", ledger.toString());
        return m;
    }
}
