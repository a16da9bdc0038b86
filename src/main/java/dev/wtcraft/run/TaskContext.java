package dev.wtcraft.run;

import dev.wtcraft.engine.Engine;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.plan.EffectiveTask;
import dev.wtcraft.plan.Plan;

/**
 * One task of a run as its steps see it: what the run shares, the task as it will run, its engine, the ref it
 * starts from, and its ledger.
 *
 * @param engine the task's engine, or null for a verification task
 * @param base   the ref its worktree starts from
 * @param events the task's event log (attempt 1's; later attempts open their own)
 */
record TaskContext(RunControl control, Plan plan, RepoLayout layout, EffectiveTask task, Engine engine, String base,
                   TaskLedger ledger, EventLog events) {
    String name() {
        return task.name();
    }

    void step(String message) {
        control.listener.step(task.name(), message);
    }
}
