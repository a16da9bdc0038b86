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
        List<Violation> violations = new java.util.ArrayList<>(new ScopeVerdict(task.contract().scope(),
                task.contract().offLimits()).judge(specChanged, TaskFiles.TASK_FILE, changed));
        violations.addAll(escapes(worktree.path(), changed, scan::maybeSymlink));
        String snapshot = scan.snapshot();
        Instant now = Instant.now();
        String result = violations.isEmpty() ? "pass" : "fail";
        TaskState next = task.state().edit().check(result, TaskState.timestamp(now), snapshot).build(now);
        task.save(next);
        return new CheckReport(worktree, task.contract(), base, changed, specChanged, violations, snapshot);
    }

    /**
     * Changed paths that are symlinks resolving outside the worktree: a way around every pattern. Only paths that
     * may be links are looked at: the scan already read the kind of every tracked change and untracked file.
     */
    static List<Violation> escapes(java.nio.file.Path worktree, List<String> changed,
                                   java.util.function.Predicate<String> maybeSymlink) {
        List<Violation> out = new java.util.ArrayList<>();
        java.nio.file.Path root = worktree.toAbsolutePath().normalize();
        for (String file : changed) {
            if (!maybeSymlink.test(file)) {
                continue;
            }
            java.nio.file.Path link = root.resolve(file);
            if (!java.nio.file.Files.isSymbolicLink(link)) {
                continue;
            }
            try {
                java.nio.file.Path target = java.nio.file.Files.readSymbolicLink(link);
                java.nio.file.Path resolved = link.getParent().resolve(target).normalize();
                if (!resolved.startsWith(root)) {
                    out.add(new Violation(dev.wtcraft.scope.ViolationKind.PATH_ESCAPE, file, null,
                            "Path escapes the worktree: " + file + " -> " + target));
                }
            } catch (java.io.IOException | RuntimeException e) {
                out.add(new Violation(dev.wtcraft.scope.ViolationKind.PATH_ESCAPE, file, null,
                        "Path escapes the worktree: " + file + " is a symlink that cannot be read"));
            }
        }
        return out;
    }
}
