package dev.wtcraft.run;

import dev.wtcraft.scope.Violation;
import dev.wtcraft.task.VerifyReport;
import dev.wtcraft.task.VerifyService;

import java.util.List;

/** summary.md: the handoff a person reads first: outcome, what changed, violations, verification, next step. */
final class TaskSummary {
    private TaskSummary() {
    }

    static String render(TaskResult r, VerifyReport verify) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(r.task()).append(": ").append(r.outcome().wire()).append("\n\n");
        md.append(r.reason()).append("\n\n");
        if (r.workspace() != null) {
            md.append("- worktree: `").append(r.workspace().worktree()).append("`\n");
            md.append("- branch: `").append(r.workspace().branch()).append("` from `").append(r.workspace().base()).append("`\n");
        }
        md.append("- engine: ").append(r.engine() == null ? "none (a verification task)" : r.engine()).append('\n');
        md.append("- time: ").append(String.format(java.util.Locale.ROOT, "%.1fs", r.duration().toMillis() / 1000.0)).append("\n\n");
        md.append("## Changed files\n\n");
        if (r.changedFiles().isEmpty()) {
            md.append("None.\n");
        }
        r.changedFiles().forEach(f -> md.append("- `").append(f).append("`\n"));
        if (!r.changedFiles().isEmpty()) {
            md.append("\nThe change itself, against the base: `diff.patch` (lines per file: `diff.json`), or `wtcraft diff ")
                    .append(r.task()).append("`.\n");
        }
        md.append("\n## Violations\n\n");
        List<Violation> vs = r.gates().violations();
        if (vs.isEmpty()) {
            md.append("None.\n");
        }
        vs.forEach(v -> md.append("- ").append(v.kind().wire()).append(": ").append(v.message()).append('\n'));
        md.append("\n## Verification\n\n");
        if (verify == null) {
            md.append("Not run.\n");
        } else {
            for (VerifyService.StepResult s : verify.results()) {
                md.append("- [").append(s.passed() ? "x" : " ").append("] `").append(s.command()).append("`: ")
                        .append(s.timedOut() ? "timed out" : "exit " + s.exitCode()).append('\n');
            }
            md.append('\n').append(verify.summaryLine()).append('\n');
        }
        if (r.review() != null) {
            md.append("\n## Review\n\n").append(r.review().line()).append('\n');
            String reasons = r.review().reading().reasons();
            if (reasons != null && !reasons.isBlank() && r.review().note() == null) {
                md.append('\n').append(reasons.strip()).append('\n');
            }
        }
        md.append("\n## Next step\n\n").append(nextStep(r)).append('\n');
        return md.toString();
    }

    private static String nextStep(TaskResult r) {
        return switch (r.outcome()) {
            case PASSED -> "Land it on its base: `wtcraft finish " + r.task() + "` (or all of the run's: `wtcraft finish --all`).";
            case CHANGES_REQUESTED -> "The reviewer asked for changes (review.json); fix them in `" + r.worktree()
                    + "`, check and verify, then `wtcraft review " + r.task() + "` again.";
            case SCOPE_VIOLATION -> "Revert the files outside the contract in `" + r.worktree()
                    + "`, or widen Scope on purpose and re-plan (`wtcraft state " + r.task() + " --stage planned`).";
            case VERIFY_FAILED -> "Read the failing step's output in events.jsonl and fix the change in `"
                    + r.worktree() + "`; `wtcraft verify " + r.task() + "` runs the contract's checks again.";
            case ENGINE_FAILED, TIMEOUT, API_ERROR -> "Read events.jsonl for the engine's last output; the worktree keeps what it did.";
            case MAX_TURNS -> "The engine reached its turn limit; raise `maxTurns` or narrow the task, then run again.";
            case PERMISSION_DENIED -> "The task's policy refused the engine; read the policy.decision events in events.jsonl.";
            case CONTRACT_TAMPERED -> "Something in the worktree replaced or damaged `.worktree-task.md` or `.worktree-state.json`;"
                    + " read events.jsonl, then remove the task and run it again.";
            case BUDGET -> "The task spent its budget; raise it in the recipe or narrow the task, then run again.";
            case SKIPPED -> "Fix what it depends on, then run the recipe again.";
            case SETUP_FAILED -> "Its setup failed before the engine started: setup.json says which step and why, the"
                    + " setup.stdout and setup.stderr events hold its output; fix the setup and run the recipe again.";
            case SANDBOX_UNAVAILABLE -> "It requires a sandbox and none could start on this machine (user namespaces are often"
                    + " blocked on CI runners): run it where bubblewrap works, or write 'required false' in its sandbox block.";
            case PENDING -> "It has not ended; run the recipe again (`wtcraft run --resume`).";
            case INTERRUPTED -> "The worktree is left as it was for inspection; run the recipe again when ready.";
        };
    }
}
