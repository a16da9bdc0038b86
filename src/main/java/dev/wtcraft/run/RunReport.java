package dev.wtcraft.run;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.task.Protocol;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A finished (or stopped) run: what every task did, where the ledger is, and the exit code. */
public record RunReport(String runId, Path ledger, String recipe, String recipeSha256, String baseCommit,
                        List<TaskResult> tasks) {


    /** Interrupted 130, else engine failure, timeout or budget 4, else scope violation 2, else verify failure 3, else a reviewer's request for changes 5, else 0. */
    public int exitCode() {
        if (any(TaskOutcome.INTERRUPTED)) {
            return ExitCodes.INTERRUPTED;
        }
        if (any(TaskOutcome.ENGINE_FAILED) || any(TaskOutcome.TIMEOUT) || any(TaskOutcome.BUDGET)) {
            return ExitCodes.ENGINE_FAILED;
        }
        if (any(TaskOutcome.SCOPE_VIOLATION)) {
            return ExitCodes.VIOLATIONS;
        }
        if (any(TaskOutcome.VERIFY_FAILED)) {
            return ExitCodes.VERIFY_FAILED;
        }
        if (any(TaskOutcome.CHANGES_REQUESTED)) {
            return ExitCodes.CHANGES_REQUESTED;
        }
        return ExitCodes.OK;
    }

    private boolean any(TaskOutcome outcome) {
        return tasks.stream().anyMatch(t -> t.outcome() == outcome);
    }

    public Map<String, Object> toDocument() {
        Map<String, Object> doc = Protocol.header("run", true);
        doc.put("exit_code", exitCode());
        doc.put("run_id", runId);
        doc.put("ledger", ledger.toString());
        doc.put("recipe", recipe);
        doc.put("recipe_sha256", recipeSha256);
        doc.put("base_commit", baseCommit);
        doc.put("tasks", tasks.stream().map(TaskResult::toDocument).toList());
        doc.put("spend", RunService.spendDocument(tasks));
        return doc;
    }
}
