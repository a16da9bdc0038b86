package dev.wtcraft.git;

import java.nio.file.Path;

/** One entry of `git worktree list --porcelain`. */
public record WorktreeEntry(Path path, String head, String branch, boolean bare, boolean detached,
                            boolean locked, boolean prunable) {

    /** The branch without refs/heads/, or null when detached. */
    public String shortBranch() {
        if (branch == null) {
            return null;
        }
        return branch.startsWith("refs/heads/") ? branch.substring("refs/heads/".length()) : branch;
    }
}
