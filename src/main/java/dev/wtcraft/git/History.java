package dev.wtcraft.git;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads of committed history through JGit (object database only: exact, raw paths, no process per call).
 * Opened on a worktree, HEAD is that worktree's HEAD. Never used for writes (see ARCHITECTURE.md).
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

    /**
     * Paths that differ between the merge-base of {@code base} and HEAD, and HEAD: `git diff --name-only
     * --no-renames base...HEAD`. Empty when the base cannot be resolved or shares no history.
     */
    public Optional<List<GitPath>> changedSinceMergeBase(String base) {
        Optional<ObjectId> baseId = resolveCommit(base);
        Optional<ObjectId> headId = head();
        if (baseId.isEmpty() || headId.isEmpty()) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit head = walk.parseCommit(headId.get());
            RevCommit baseCommit = walk.parseCommit(baseId.get());
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(head);
            walk.markStart(baseCommit);
            RevCommit mergeBase = walk.next();
            if (mergeBase == null) {
                return Optional.empty();
            }
            walk.parseHeaders(mergeBase);
            List<GitPath> paths = new ArrayList<>();
            try (TreeWalk tw = new TreeWalk(repo)) {
                tw.addTree(mergeBase.getTree());
                tw.addTree(head.getTree());
                tw.setRecursive(true);
                tw.setFilter(TreeFilter.ANY_DIFF);
                while (tw.next()) {
                    paths.add(GitPath.of(tw.getRawPath()));
                }
            }
            return Optional.of(paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
