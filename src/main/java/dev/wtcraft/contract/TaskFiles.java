package dev.wtcraft.contract;

import dev.wtcraft.WtcraftException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Names of the two local files a task worktree carries, and where its spec digest lives. */
public final class TaskFiles {
    public static final String TASK_FILE = ".worktree-task.md";
    public static final String STATE_FILE = ".worktree-state.json";
    /** Temporary files of an atomic state write: `.worktree-state.json.<suffix>`. */
    public static final String STATE_TEMP_PREFIX = STATE_FILE + ".";

    private TaskFiles() {
    }

    /** True for the contract, the state file and the state file's temporaries (never task changes). */
    public static boolean isLocalTaskFile(String path) {
        return path.equals(TASK_FILE) || path.equals(STATE_FILE) || path.startsWith(STATE_TEMP_PREFIX);
    }

    /**
     * The worktree's own git directory (what `git rev-parse --absolute-git-dir` prints), read from its `.git`
     * file or directory without starting git.
     */
    public static Path gitDir(Path worktree) {
        Path dotGit = worktree.resolve(".git");
        if (Files.isDirectory(dotGit)) {
            return dotGit;
        }
        try {
            String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
            if (!text.startsWith("gitdir:")) {
                throw WtcraftException.fatal("not a git worktree (unexpected .git file): " + dotGit);
            }
            Path dir = Path.of(text.substring("gitdir:".length()).strip());
            return dir.isAbsolute() ? dir : worktree.resolve(dir).normalize();
        } catch (IOException e) {
            throw WtcraftException.fatal("not a git worktree (no .git): " + worktree);
        }
    }

    /** `git rev-parse --git-path wtcraft/spec.digest` for this worktree. */
    public static Path specDigestFile(Path worktree) {
        return gitDir(worktree).resolve("wtcraft").resolve("spec.digest");
    }
}
