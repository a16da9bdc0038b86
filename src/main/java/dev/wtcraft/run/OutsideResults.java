package dev.wtcraft.run;

import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.RunLedger;
import dev.wtcraft.ledger.RunRecord;
import dev.wtcraft.ledger.Spend;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Plan;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Results a run records without running the task: a task another CI job ran (its branch fetched), and, in a CI job,
 * every task that would run when the sandbox it requires cannot start.
 */
final class OutsideResults {
    private OutsideResults() {
    }

    static void given(RepoLayout layout, Plan plan, Set<String> given, Map<String, TaskIdentity.Identity> identities,
                      RunLedger ledger, Map<String, RunRecord.Task> entries, Map<String, TaskResult> reused) {
        for (String name : given) {
            TaskDef t = plan.recipe().task(name).orElseThrow();
            entries.put(name, new RunRecord.Task(TaskOutcome.PASSED, 1, RunService.GIVEN, identities.get(name).hash(),
                    identities.get(name).inputs(), Spend.NONE, null));
            reused.put(name, result(layout, t, TaskOutcome.PASSED, RunService.GIVEN, ledger, 1));
        }
    }

    static void sandboxUnavailable(RepoLayout layout, Plan plan, String why, Map<String, TaskIdentity.Identity> identities,
                                   RunLedger ledger, RunService.Listener listener, Map<String, RunRecord.Task> entries,
                                   Map<String, TaskResult> reused) {
        for (TaskDef t : plan.order()) {
            if (!reused.containsKey(t.name())) {
                listener.finished(t.name(), TaskOutcome.SANDBOX_UNAVAILABLE.wire() + ": " + why);
                entries.put(t.name(), new RunRecord.Task(TaskOutcome.SANDBOX_UNAVAILABLE, 0, why,
                        identities.get(t.name()).hash(), identities.get(t.name()).inputs(), Spend.NONE, null));
                reused.put(t.name(), result(layout, t, TaskOutcome.SANDBOX_UNAVAILABLE, why, ledger, 0));
            }
        }
    }

    private static TaskResult result(RepoLayout layout, TaskDef t, TaskOutcome outcome, String why, RunLedger ledger,
                                     int attempts) {
        return new TaskResult(t.name(), outcome, why, t.engine(),
                new TaskResult.Workspace(layout.worktreesDir().resolve(t.name()), t.name(), null), TaskResult.Gates.NONE,
                Duration.ZERO, ledger.task(t.name()).dir(), attempts, Spend.NONE, null);
    }
}
