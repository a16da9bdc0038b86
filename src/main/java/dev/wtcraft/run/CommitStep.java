package dev.wtcraft.run;

import dev.wtcraft.git.GitInternals;
import dev.wtcraft.scope.Violation;
import dev.wtcraft.scope.ViolationKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine's work committed on the task's branch (agents usually leave it uncommitted), and what changed in the
 * git directory while the engine ran: hooks, config, other refs.
 */
final class CommitStep {
    private CommitStep() {
    }

    /** What the git directory holds before the engine runs; null when there is no engine. */
    static GitInternals.Snapshot before(AttemptContext a) {
        return a.task().engine() == null ? null : GitInternals.take(a.worktree().path(), ownRefs(a));
    }

    /**
     * @param commit whether to commit (the engine finished; nothing is committed after a failure or Ctrl-C)
     * @return the changes to git internals, as violations
     */
    static List<Violation> run(AttemptContext a, GitInternals.Snapshot before, boolean commit) {
        if (commit) {
            TaskBranch.commitWork(a.worktree().path(), a.task().task().def(), a.task().control().runId, a.number(),
                    a.events());
        }
        List<Violation> internals = new ArrayList<>();
        if (before != null) {
            for (String change : GitInternals.changes(before, GitInternals.take(a.worktree().path(), ownRefs(a)))) {
                internals.add(new Violation(ViolationKind.GIT_INTERNALS, ".git", null,
                        "Git internals changed while the engine ran: " + change));
            }
        }
        return internals;
    }

    /** The branches of this run's tasks, which the run itself moves. */
    private static Set<String> ownRefs(AttemptContext a) {
        Set<String> refs = new HashSet<>();
        a.task().plan().order().forEach(t -> refs.add("refs/heads/" + t.name()));
        return refs;
    }
}
