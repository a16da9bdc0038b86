package dev.wtcraft.task;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.git.WorktreeEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a worktree argument as the original tool does: an existing directory, then
 * {@code <root>/worktrees/<arg>}, then an exact branch name, then a unique worktree directory name.
 */
public final class WorktreeResolver {
    private WorktreeResolver() {
    }

    public static TaskWorktree resolve(RepoLayout layout, Path cwd, String arg) {
        return find(layout, cwd, arg).orElseThrow(() -> WtcraftException.fatal("worktree not found: " + arg));
    }

    /** The same, empty when nothing is named so; a path that is no worktree, or an ambiguous name, still fails. */
    public static Optional<TaskWorktree> find(RepoLayout layout, Path cwd, String arg) {
        if (arg == null || arg.isBlank()) {
            throw WtcraftException.fatal("no worktree given: name one as <type>/<name>, a branch, or a path");
        }
        Path asDir = cwd.resolve(arg);
        if (Files.isDirectory(asDir)) {
            return Optional.of(byPath(layout, asDir).orElseThrow(() -> WtcraftException.fatal(
                    "not a worktree of " + layout.root() + ": " + asDir.normalize())));
        }
        Path underRoot = layout.worktreesDir().resolve(arg);
        if (Files.isDirectory(underRoot)) {
            return Optional.of(byPath(layout, underRoot).orElseThrow(() -> WtcraftException.fatal(
                    "not a worktree of " + layout.root() + ": " + underRoot.normalize())));
        }
        List<WorktreeEntry> byBranch = layout.worktrees().stream()
                .filter(w -> arg.equals(w.shortBranch()) || arg.equals(w.branch())).toList();
        if (byBranch.size() == 1) {
            return Optional.of(new TaskWorktree(layout, byBranch.get(0)));
        }
        List<WorktreeEntry> byName = layout.worktrees().stream()
                .filter(w -> w.path().getFileName() != null && w.path().getFileName().toString().equals(arg))
                .toList();
        if (byName.size() == 1) {
            return Optional.of(new TaskWorktree(layout, byName.get(0)));
        }
        if (byBranch.size() > 1 || byName.size() > 1) {
            throw WtcraftException.fatal("ambiguous worktree: " + arg + " (name it by path or full branch)");
        }
        return Optional.empty();
    }

    private static Optional<TaskWorktree> byPath(RepoLayout layout, Path dir) {
        Path real = realPath(dir);
        return layout.worktrees().stream()
                .filter(w -> realPath(w.path()).equals(real))
                .findFirst()
                .map(w -> new TaskWorktree(layout, w));
    }

    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
