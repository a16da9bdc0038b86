package dev.wtcraft.run;

import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.ledger.Spend;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.task.TaskWorktree;

/**
 * One attempt of a task, as every step of it gets it.
 *
 * @param baseCommit  the commit the worktree started from
 * @param number      1 for the first attempt
 * @param ledger      the attempt's ledger directory (the task's own for attempt 1, `attempt-N/` after)
 * @param previous    the attempt before this one, or null for the first of this session
 * @param spentBefore what the task's earlier attempts spent
 */
record AttemptContext(TaskContext task, TaskWorktree worktree, String baseCommit, int number, TaskLedger ledger,
                      EventLog events, AttemptResult previous, Spend spentBefore) {
    void step(String message) {
        task.step(message);
    }

    boolean interrupted() {
        return task.control().interrupted();
    }
}
