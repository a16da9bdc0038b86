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
        violations.addAll(verdict.judgeOffLimits(ignored));
        violations.addAll(escapes(worktree.path(), changed, scan::maybeSymlink));
        violations.addAll(gitMetadata(worktree.path(), changed, task.contract().scope()));
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

    /**
     * Changes git acts on rather than stores: `.gitattributes` (filters run commands on checkout), `.gitmodules`
     * and submodule pointers (code from elsewhere). Allowed only where Scope names the exact path.
     */
    static List<Violation> gitMetadata(java.nio.file.Path worktree, List<String> changed, List<String> scope) {
        List<Violation> out = new java.util.ArrayList<>();
        java.util.Set<String> named = new java.util.HashSet<>();
        scope.forEach(s -> named.add(s.endsWith("/") ? s.substring(0, s.length() - 1) : s));
        for (String file : changed) {
            if (named.contains(file)) {
                continue;
            }
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (name.equals(".gitattributes") || name.equals(".gitmodules")) {
                out.add(new Violation(dev.wtcraft.scope.ViolationKind.GIT_METADATA, file, null,
                        "Git metadata changed: " + file + " (it changes what git runs or fetches; name it in Scope to allow it)"));
            } else if (java.nio.file.Files.isDirectory(worktree.resolve(file), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                out.add(new Violation(dev.wtcraft.scope.ViolationKind.GIT_METADATA, file, null,
                        "Submodule pointer changed: " + file + " (name it in Scope to allow it)"));
            }
        }
        return out;
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
