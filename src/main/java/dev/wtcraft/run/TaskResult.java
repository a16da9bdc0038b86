package dev.wtcraft.run;

import dev.wtcraft.ledger.Spend;
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
 * @param workspace where it ran, or null when no worktree was made
 * @param gates     what check and verify found on its last attempt
 * @param ledger    the task's ledger directory
 * @param attempts  how many attempts ran (0 when skipped before starting)
 * @param review    the last attempt's review, or null when none ran
 */
public record TaskResult(String task, TaskOutcome outcome, String reason, String engine, Workspace workspace,
                         Gates gates, Duration duration, Path ledger, int attempts, Spend spend,
                         ReviewService.Outcome review) {

    /** A task's worktree, its branch, and the ref it started from. */
    public record Workspace(Path worktree, String branch, String base) {
    }

    /** The real changed files and what broke the contract; how many verification steps passed of how many ran. */
    public record Gates(List<String> changedFiles, List<Violation> violations, int verifyPassed, int verifyTotal) {
        public static final Gates NONE = new Gates(List.of(), List.of(), 0, 0);

        public Gates {
            changedFiles = List.copyOf(changedFiles);
            violations = List.copyOf(violations);
        }
    }

    /** A task that never started: skipped, or stopped by the run's budget before it could. */
    public static TaskResult skipped(String task, String engine, String reason, Path ledger, TaskOutcome outcome) {
        return new TaskResult(task, outcome, reason, engine, null, Gates.NONE, Duration.ZERO, ledger, 0,
                Spend.NONE, null);
    }

    public List<String> changedFiles() {
        return gates.changedFiles();
    }

    public Path worktree() {
        return workspace == null ? null : workspace.worktree();
    }

    /** The run document's entry for this task (`run --json`). */
    public Map<String, Object> toDocument() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("outcome", outcome.wire());
        m.put("reason", reason);
        m.put("engine", engine);
        m.put("worktree", workspace == null ? null : workspace.worktree().toString());
        m.put("branch", workspace == null ? null : workspace.branch());
        m.put("base", workspace == null ? null : workspace.base());
        m.put("changed_files", gates.changedFiles());
        m.put("violations", gates.violations().stream().map(v -> {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("kind", v.kind().wire());
            vm.put("file", v.file());
            vm.put("matched", v.matched());
            return vm;
        }).toList());
        m.put("verify", Map.of("passed", gates.verifyPassed(), "failed", gates.verifyTotal() - gates.verifyPassed(),
                "total", gates.verifyTotal()));
        m.put("attempts", attempts);
        m.put("spend", Map.of("tokens", spend.tokens(), "estimated_usd", spend.estimatedUsd()));
        m.put("review", review == null ? null : dev.wtcraft.ledger.LedgerCodec.fields(review.record()));
        m.put("duration_seconds", duration.toMillis() / 1000.0);
        m.put("ledger", ledger.toString());
        return m;
    }
}
