package dev.wtcraft.run;

import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.task.Protocol;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A finished (or stopped) run: what every task did, where the ledger is, and the exit code. */
public record RunReport(String runId, Path ledger, String recipe, String recipeSha256, String baseCommit,
                        List<TaskResult> tasks, boolean stoppedAtFailure) {


    /**
     * The first outcome present in {@link TaskOutcome}'s precedence decides (interrupted 130, engine failures 4, ...);
     * a run stopped at its first failure (onFailure 'stop') exits with that failure's code, not Ctrl-C's.
     */
    public int exitCode() {
        return TaskOutcome.runExitCode(tasks.stream().map(TaskResult::outcome)
                .filter(o -> !(stoppedAtFailure && o == TaskOutcome.INTERRUPTED)).toList());
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
        doc.put("spend", dev.wtcraft.ledger.LedgerCodec.fields(RunService.spend(tasks)));
        return doc;
    }
}
