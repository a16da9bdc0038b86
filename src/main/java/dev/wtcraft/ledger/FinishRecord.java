package dev.wtcraft.ledger;

import java.time.Instant;
import java.util.List;

/**
 * What `finish` landed: `finish.json` in the task's ledger, and the data of each `task.landed` line of
 * `.wtcraft/runs/landings.jsonl`.
 *
 * @param result     landed (the only result recorded)
 * @param baseBefore the base's commit before the landing
 * @param commit     the commit the base now points at
 * @param runId      the run that made the task, or null for a task made by hand
 */
public record FinishRecord(int schemaVersion, String task, String result, String worktree, String branch, String base,
                           String strategy, String baseBefore, String commit, List<String> reasons,
                           List<String> conflicts, boolean worktreeRemoved, String runId, Instant landedAt)
        implements LedgerDocument {
    public FinishRecord {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    }
}
