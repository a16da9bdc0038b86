package dev.wtcraft.git;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads of refs and commits through JGit (no process per question). Opened on a worktree, HEAD is that
 * worktree's HEAD. Never used for writes (see ARCHITECTURE.md); not on the check path, where loading it would
 * cost more than the whole git scan (see WorkingTree).
 */
public final class History implements AutoCloseable {
    private final Repository repo;

    private History(Repository repo) {
        this.repo = repo;
    }

    public static History open(Path worktree) {
        try {
            Repository repo = new FileRepositoryBuilder()
                    .setWorkTree(worktree.toFile())
                    .setMustExist(true)
                    .build();
            return new History(repo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open repository at " + worktree + ": " + e.getMessage(), e);
        }
    }

    /** The commit a revision names (branch, remote branch, tag, id, HEAD~2 ...), if any. */
    public Optional<ObjectId> resolveCommit(String revision) {
        try {
            return Optional.ofNullable(repo.resolve(revision + "^{commit}"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Optional<ObjectId> head() {
        return resolveCommit("HEAD");
    }

    /** True when the repository has a symbolic ref by this full name (refs/remotes/origin/HEAD). */
    public Optional<String> symbolicTarget(String refName) {
        try {
            var ref = repo.exactRef(refName);
            if (ref != null && ref.isSymbolic()) {
                return Optional.of(ref.getTarget().getName());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean hasRef(String refName) {
        try {
            return repo.exactRef(refName) != null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
