package dev.wtcraft.run;

import dev.wtcraft.git.GitException;
import dev.wtcraft.ledger.DiffRecord;
import dev.wtcraft.task.CheckReport;
import dev.wtcraft.task.DiffService;

import java.util.Map;

/** The attempt's change against the task's base, into the ledger: `diff.patch` and `diff.json`, after the check. */
final class DiffStep {
    private DiffStep() {
    }

    /**
     * @return the record written, or null when git could not give the diff or its scratch repository could not be
     * made (the event says why; the task goes on: the diff is a record of the attempt, not one of its gates)
     */
    static DiffRecord run(AttemptContext a, CheckReport check) {
        DiffService.Diff diff;
        try {
            diff = DiffService.attempt(a.worktree(), check.base(), check.violations());
        } catch (GitException | java.io.UncheckedIOException e) {
            a.events().append("diff.failed", Map.of("reason", e.getMessage()));
            a.step("diff not recorded: " + e.getMessage());
            return null;
        }
        a.ledger().writeText("diff.patch", diff.patch());
        a.ledger().write("diff.json", diff.record());
        DiffRecord r = diff.record();
        a.events().append("diff", Map.of("files", r.filesChanged(), "additions", r.additions(),
                "deletions", r.deletions(), "patch_bytes", r.patchBytes(), "truncated", r.patchTruncated()));
        return r;
    }
}
