package dev.wtcraft.git;

import dev.wtcraft.WtcraftException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a worktree keeps its own git directory, found without starting git. */
public final class GitDirs {
    private GitDirs() {
    }

    /** What `git rev-parse --absolute-git-dir` prints, read from the worktree's `.git` file or directory. */
    public static Path of(Path worktree) {
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

    /** The tool's own files for this worktree: `git rev-parse --git-path wtcraft`. */
    public static Path wtcraftDir(Path worktree) {
        return of(worktree).resolve("wtcraft");
    }
}
