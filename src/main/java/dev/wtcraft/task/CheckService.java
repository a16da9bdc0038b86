package dev.wtcraft.task;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.SpecDigest;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.contract.TaskState;
import dev.wtcraft.git.WorkingTree;
import dev.wtcraft.scope.ScopeVerdict;
import dev.wtcraft.scope.Violation;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/** `check`: the real changed files of a task worktree judged against its contract, recorded in its state. */
public final class CheckService {
    private CheckService() {
    }

    public static CheckReport check(TaskWorktree worktree, PrintStream warnings) {
        return check(worktree, warnings, List.of());
    }

    /** @param found violations seen outside the diff (changes to git internals while the engine ran) */
    public static CheckReport check(TaskWorktree worktree, PrintStream warnings, List<Violation> found) {
        TaskRecord task = TaskRecord.load(worktree, warnings);
        String base = task.contract().base().orElseGet(() -> defaultBase(worktree));
        WorkingTree tree = new WorkingTree(worktree.path(), TaskFiles::isLocalTaskFile);
        WorkingTree.Scan scan = tree.scan(base, SpecDigest.of(task.contract())).orElseThrow(() ->
                WtcraftException.fatal("failed to enumerate changed files against base: " + base));
        WorkingTree.Changes changes = scan.changes();
        List<String> changed = changes.files();
        Boolean specChanged = SpecDigest.changed(worktree.path(), task.contract());
        ScopeVerdict verdict = new ScopeVerdict(task.contract().scope(), task.contract().offLimits());
        List<Violation> violations = new java.util.ArrayList<>(verdict.judge(specChanged, TaskFiles.TASK_FILE, changed));
        List<String> ignored = IgnoredFiles.toJudge(tree, scan.ignored(), task.contract().offLimits());
        List<String> judged = new java.util.ArrayList<>(ignored);
        judged.removeAll(dev.wtcraft.contract.SetupMade.unchanged(worktree.layout(), worktree.entry().shortBranch(),
                worktree.path(), ignored)); // the task's setup made them, not the engine
        violations.addAll(verdict.judgeOffLimits(judged));
        violations.addAll(dev.wtcraft.scope.WorktreeViolations.escapes(worktree.path(), changed, scan::maybeSymlink));
        violations.addAll(dev.wtcraft.scope.WorktreeViolations.gitMetadata(worktree.path(), changed, task.contract().scope()));
        violations.addAll(found);
        String snapshot = scan.snapshot();
        Instant now = Instant.now();
        String result = violations.isEmpty() ? "pass" : "fail";
        TaskState next = task.state().edit().check(result, TaskState.timestamp(now), snapshot).build(now);
        task.save(next);
        dev.wtcraft.contract.SignOff.update(worktree.layout(), worktree.entry().shortBranch(), s -> s.withCheck(
                new dev.wtcraft.contract.SignOff.Evidence(result, snapshot, TaskState.timestamp(now))));
        return new CheckReport(worktree, task.contract(), base, changed, ignored, specChanged, violations, snapshot);
    }

    /** A contract without `base:` is checked against the base `new` would pick, as the original does. */
    static String defaultBase(TaskWorktree worktree) {
        try (var history = dev.wtcraft.git.History.open(worktree.layout().root())) {
            return TaskCreator.resolveBase(history, null, System.getenv("WTCRAFT_BASE_BRANCH"));
        }
    }


}
