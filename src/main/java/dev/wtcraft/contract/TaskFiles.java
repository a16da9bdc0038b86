package dev.wtcraft.contract;

import dev.wtcraft.git.GitDirs;

import java.nio.file.Path;

/** Names of the two local files a task worktree carries, and where its spec digest lives. */
public final class TaskFiles {
    public static final String TASK_FILE = ".worktree-task.md";
    public static final String STATE_FILE = ".worktree-state.json";
    /** Temporary files of an atomic state write: `.worktree-state.json.<suffix>`. */
    public static final String STATE_TEMP_PREFIX = STATE_FILE + ".";
    /** The local task files, which never belong in a commit (whether or not an ignore rule says so). */
    public static final java.util.List<String> LOCAL = java.util.List.of(TASK_FILE, STATE_FILE);

    private TaskFiles() {
    }

    /** True for the contract, the state file and the state file's temporaries (never task changes). */
    public static boolean isLocalTaskFile(String path) {
        return path.equals(TASK_FILE) || path.equals(STATE_FILE)
                || (path.startsWith(STATE_TEMP_PREFIX) && path.indexOf('/') < 0);
    }

    /** `git rev-parse --git-path wtcraft/spec.digest` for this worktree. */
    public static Path specDigestFile(Path worktree) {
        return GitDirs.wtcraftDir(worktree).resolve("spec.digest");
    }
}
