package dev.wtcraft.task;

import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.git.WorktreeEntry;

import java.nio.file.Path;

/** A worktree of the repository, resolved from what the user typed. */
public record TaskWorktree(RepoLayout layout, WorktreeEntry entry) {
    public Path path() {
        return entry.path();
    }

    public Path taskFile() {
        return path().resolve(TaskFiles.TASK_FILE);
    }

    public Path stateFile() {
        return path().resolve(TaskFiles.STATE_FILE);
    }

    public boolean contracted() {
        return dev.wtcraft.contract.TaskFileReader.present(taskFile());
    }
}
