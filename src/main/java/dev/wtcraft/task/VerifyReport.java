package dev.wtcraft.task;

import dev.wtcraft.ExitCodes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What `verify` ran; {@link #toDocument()} is the machine protocol's verify object. */
public record VerifyReport(TaskWorktree worktree, List<VerifyService.StepResult> results, String snapshot,
                           String verified) {

    public long passedCount() {
        return results.stream().filter(VerifyService.StepResult::passed).count();
    }

    public boolean passed() {
        return passedCount() == results.size();
    }

    public int exitCode() {
        return passed() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
    }

    /** "P passed, F failed of N". */
    public String summaryLine() {
        return passedCount() + " passed, " + (results.size() - passedCount()) + " failed of " + results.size();
    }

    public Map<String, Object> toDocument() {
        Map<String, Object> doc = Protocol.header("verify", true);
        String result = passed() ? "pass" : "fail";
        doc.put("result", result);
        doc.put("exit_code", exitCode());
        doc.put("repo_root", worktree.layout().root().toString());
        doc.put("worktree", worktree.path().toString());
        doc.put("task_file", worktree.taskFile().toString());
        doc.put("state_file", worktree.stateFile().toString());
        doc.put("snapshot", snapshot);
        doc.put("verify_result", result);
        doc.put("verified", verified);
        doc.put("results", results.stream().map(VerifyService.StepResult::toDocument).toList());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", results.size());
        summary.put("passed", passedCount());
        summary.put("failed", results.size() - passedCount());
        doc.put("summary", summary);
        return doc;
    }
}
