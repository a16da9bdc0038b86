package dev.wtcraft.run;

import dev.wtcraft.git.GitInternals;
import dev.wtcraft.scope.Violation;

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

    /** The git directory before the engine runs, and the refs wtcraft was moving then. */
    record Before(GitInternals.Snapshot snapshot, Set<String> moved) {
    }

    /** What the git directory holds before the engine runs; null when there is no engine. */
    static Before before(AttemptContext a) {
        return a.task().engine() == null ? null
                : new Before(GitInternals.take(a.worktree().path(), Set.of()), ownRefs(a));
    }

    /** Both snapshots without the refs wtcraft moved at either time (a runner may start or end meanwhile). */
    private static List<String> changes(GitInternals.Snapshot before, GitInternals.Snapshot after, Set<String> moved) {
        return GitInternals.changes(without(before, moved), without(after, moved));
    }

    private static GitInternals.Snapshot without(GitInternals.Snapshot s, Set<String> refs) {
        java.util.Map<String, String> kept = new java.util.TreeMap<>(s.entries());
        refs.forEach(r -> kept.remove("ref " + r));
        return new GitInternals.Snapshot(kept);
    }

    /**
     * @param commit whether to commit (the engine finished; nothing is committed after a failure or Ctrl-C)
     * @return the changes to git internals, as violations
     */
    static List<Violation> run(AttemptContext a, Before before, boolean commit) {
        if (commit) {
            TaskBranch.commitWork(a.worktree().path(), a.task().task().def(), a.task().control().runId, a.number(),
                    a.events());
        }
        List<Violation> internals = new ArrayList<>();
        if (before != null) {
            Set<String> moved = new HashSet<>(before.moved());
            moved.addAll(ownRefs(a));
            for (String change : changes(before.snapshot(), GitInternals.take(a.worktree().path(), Set.of()), moved)) {
                internals.add(Violation.gitInternals(change));
            }
        }
        return internals;
    }

    /**
     * The branches wtcraft itself moves while this engine runs: this run's task branches, and those of the tasks
     * another live runner of the same repository holds (two runners on disjoint tasks do not report each other).
     */
    private static Set<String> ownRefs(AttemptContext a) {
        Set<String> refs = new HashSet<>();
        a.task().plan().order().forEach(t -> refs.add("refs/heads/" + t.name()));
        refs.addAll(new TaskLeases(a.task().layout().root()).heldBranches());
        return refs;
    }
}
