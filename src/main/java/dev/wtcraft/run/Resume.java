package dev.wtcraft.run;

import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.ledger.RunRecord;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Plan;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which tasks of an earlier run a resumed run keeps: a task that passed, whose identity is unchanged, whose
 * dependencies are kept too and whose worktree is still there is not run again; every other one starts over.
 * Each decision says why, naming the inputs that changed.
 */
final class Resume {
    private Resume() {
    }

    /** One task's decision. */
    record Decision(String task, boolean keep, String why) {
        String line() {
            return keep ? "passed before and unchanged: not run again" : "will run again (" + why + ")";
        }
    }

    static List<Decision> decide(RepoLayout layout, Plan plan, RunRecord earlier,
                                 Map<String, TaskIdentity.Identity> identities) {
        List<Decision> out = new ArrayList<>();
        Map<String, Boolean> kept = new LinkedHashMap<>();
        for (TaskDef t : plan.order()) {
            RunRecord.Task before = earlier.tasks().get(t.name());
            TaskIdentity.Identity now = identities.get(t.name());
            String why;
            if (before == null) {
                why = "it was not part of that run";
            } else if (before.outcome() != TaskOutcome.PASSED) {
                why = "it ended " + before.outcome().wire();
            } else if (!now.hash().equals(before.hash())) {
                List<String> changed = now.changedFrom(before.inputs());
                why = changed.isEmpty() ? "its recipe, prompt, base or inputs changed"
                        : "changed: " + String.join(", ", changed);
            } else if (t.dependsOn().stream().anyMatch(d -> !kept.getOrDefault(d, false))) {
                why = "a task it depends on runs again ("
                        + t.dependsOn().stream().filter(d -> !kept.getOrDefault(d, false)).findFirst().orElseThrow() + ")";
            } else if (!Files.isDirectory(layout.worktreesDir().resolve(t.name()))) {
                why = "its worktree " + layout.root().relativize(layout.worktreesDir().resolve(t.name())) + " is gone";
            } else {
                why = null;
            }
            kept.put(t.name(), why == null);
            out.add(new Decision(t.name(), why == null, why));
        }
        return out;
    }
}
