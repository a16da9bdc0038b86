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
        TaskRecord task = TaskRecord.load(worktree, warnings);
        String base = task.contract().base().orElseThrow(() -> WtcraftException.fatal(
                "no base in the front matter of " + worktree.taskFile() + ": add a line 'base: <branch>'"));
        WorkingTree tree = new WorkingTree(worktree.path(), TaskFiles::isLocalTaskFile);
        WorkingTree.Scan scan = tree.scan(base, SpecDigest.of(task.contract())).orElseThrow(() ->
                WtcraftException.fatal("failed to enumerate changed files against base: " + base));
        WorkingTree.Changes changes = scan.changes();
        List<String> changed = changes.files();
        Boolean specChanged = SpecDigest.changed(worktree.path(), task.contract());
        List<Violation> violations = new ScopeVerdict(task.contract().scope(), task.contract().offLimits())
                .judge(specChanged, TaskFiles.TASK_FILE, changed);
        String snapshot = scan.snapshot();
        Instant now = Instant.now();
        String result = violations.isEmpty() ? "pass" : "fail";
        TaskState next = task.state().edit().check(result, TaskState.timestamp(now), snapshot).build(now);
        task.save(next);
        return new CheckReport(worktree, task.contract(), base, changed, specChanged, violations, snapshot);
    }
}
