package dev.wtcraft.git;

import dev.wtcraft.process.Exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Landing a task's branch on its base with git plumbing. The resulting commit is built first, as an object
 * nothing points to (merge-tree for merge and squash, a throw-away detached worktree for rebase); the base
 * moves only once that commit exists, by a compare-and-swap, so a conflict leaves the base exactly as it was.
 */
public final class Landing {
    /** How the task's commits reach the base. */
    public enum Strategy {
        MERGE, SQUASH, REBASE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What landing would produce: the commit the base moves to, or the files that conflict. */
    public record Prepared(String commit, List<String> conflicts, String detail) {
        public boolean clean() {
            return conflicts.isEmpty() && commit != null;
        }
    }

    private final GitCli git;
    private final Map<String, String> identity;

    /** @param repoRoot the main worktree (any worktree of the repository works) */
    public Landing(Path repoRoot) {
        this.git = new GitCli(repoRoot);
        this.identity = git.identity();
    }

    /** Whether {@code ancestor} is already contained in {@code descendant}. */
    public boolean contains(String descendant, String ancestor) {
        return git.succeeds("merge-base", "--is-ancestor", ancestor, descendant);
    }

    /**
     * A commit holding the worktree's current content (tracked changes and untracked files git does not ignore,
     * but for {@code leaveOut}) on top of its HEAD, made with a private index so that the worktree, its index and
     * its branch are not touched; HEAD itself when nothing is pending.
     */
    public String pendingWork(Path worktree, String message, List<String> leaveOut) {
        return pendingWork(worktree, message, leaveOut, false);
    }

    /**
     * @param datedAsHead whether the commit carries its parent's author and committer dates (then the same content
     *                    on the same parent with the same message is the same commit), rather than now
     */
    public String pendingWork(Path worktree, String message, List<String> leaveOut, boolean datedAsHead) {
        GitCli wt = new GitCli(worktree);
        String head = wt.text("rev-parse", "HEAD").strip();
        if (wt.text("status", "--porcelain", "--untracked-files=all").isBlank()) {
            return head;
        }
        Path index = Path.of(wt.text("rev-parse", "--path-format=absolute", "--git-path", "wtcraft-finish.index").strip());
        try {
            Map<String, String> env = new java.util.HashMap<>(identity);
            env.put("GIT_INDEX_FILE", index.toString());
            check(wt.run(env, null, "read-tree", "HEAD"), "read-tree");
            check(wt.run(env, null, "add", "-A"), "add");
            if (!leaveOut.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("rm", "--cached", "-q", "--ignore-unmatch", "--"));
                rm.addAll(leaveOut);
                check(wt.run(env, null, rm.toArray(String[]::new)), "rm --cached");
            }
            String tree = check(wt.run(env, null, "write-tree"), "write-tree").stdoutText().strip();
            Map<String, String> commitEnv = new java.util.HashMap<>(identity);
            if (datedAsHead) {
                String date = wt.text("show", "-s", "--format=%cI", head).strip();
                commitEnv.put("GIT_AUTHOR_DATE", date);
                commitEnv.put("GIT_COMMITTER_DATE", date);
            }
            return check(wt.run(commitEnv, null, "commit-tree", tree, "-p", head, "-m", message), "commit-tree")
                    .stdoutText().strip();
        } finally {
            try {
                Files.deleteIfExists(index);
            } catch (IOException ignored) {
                // a stale private index is harmless: read-tree starts it over
            }
        }
    }

    /** Builds the commit that {@code base} would move to; touches no ref and no worktree of the user's. */
    public Prepared prepare(Strategy strategy, String baseCommit, String taskCommit, String message) {
        if (contains(baseCommit, taskCommit)) {
            return new Prepared(baseCommit, List.of(), "already contained in the base");
        }
        return switch (strategy) {
            case MERGE, SQUASH -> mergeTree(strategy, baseCommit, taskCommit, message);
            case REBASE -> rebase(baseCommit, taskCommit);
        };
    }

    private Prepared mergeTree(Strategy strategy, String baseCommit, String taskCommit, String message) {
        Exec.Result r = git.run("merge-tree", "--write-tree", "--name-only", "--no-messages", baseCommit, taskCommit);
        List<String> lines = r.stdoutText().lines().filter(l -> !l.isEmpty()).toList();
        if (r.exitCode() == 1) {
            return new Prepared(null, conflicts(lines.subList(Math.min(1, lines.size()), lines.size())),
                    "git merge-tree found conflicts");
        }
        check(r, "merge-tree");
        String tree = lines.get(0);
        List<String> args = new ArrayList<>(List.of("commit-tree", tree, "-p", baseCommit));
        if (strategy == Strategy.MERGE) {
            args.addAll(List.of("-p", taskCommit));
        }
        args.addAll(List.of("-m", message));
        String commit = check(git.run(identity, null, args.toArray(String[]::new)), "commit-tree").stdoutText().strip();
        return new Prepared(commit, List.of(), strategy == Strategy.MERGE ? "merge commit" : "one squashed commit");
    }

    /** Replays the task's commits onto the base in a detached throw-away worktree. */
    private Prepared rebase(String baseCommit, String taskCommit) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("wtcraft-rebase-");
            Files.delete(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch directory for the rebase: " + e.getMessage(), e);
        }
        check(git.run("worktree", "add", "--detach", "-q", scratch.toString(), taskCommit), "worktree add");
        try {
            GitCli in = new GitCli(scratch);
            Exec.Result r = in.run(identity, null, "rebase", "--no-verify", "-q", baseCommit);
            if (!r.ok()) {
                List<String> conflicts = conflicts(in.text("diff", "--name-only", "--diff-filter=U").lines().toList());
                in.run("rebase", "--abort");
                return new Prepared(null, conflicts.isEmpty() ? List.of("(git rebase failed)") : conflicts,
                        GitCli.firstLine(r.stderr() + r.stdoutText(), "git rebase failed"));
            }
            return new Prepared(in.text("rev-parse", "HEAD").strip(), List.of(), "the task's commits replayed on the base");
        } finally {
            git.run("worktree", "remove", "--force", scratch.toString());
            git.run("worktree", "prune");
        }
    }

    private static List<String> conflicts(List<String> lines) {
        return lines.stream().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList();
    }

    /**
     * Moves branch {@code base} from {@code expected} to {@code commit}. Where the branch is checked out, that
     * worktree fast-forwards (git refuses when local changes would be overwritten, and nothing moves); elsewhere
     * the ref is swapped only if it still points at {@code expected}. Returns null, or why it did not move.
     */
    public String advance(RepoLayout layout, String base, String expected, String commit, String reason) {
        Optional<WorktreeEntry> checkedOut = layout.worktrees().stream()
                .filter(w -> ("refs/heads/" + base).equals(w.branch())).findFirst();
        Exec.Result r;
        if (checkedOut.isPresent()) {
            GitCli there = new GitCli(checkedOut.get().path());
            if (!there.text("rev-parse", "HEAD").strip().equals(expected)) {
                return "the base branch " + base + " moved while finishing; run finish again";
            }
            r = there.run(identity, null, "merge", "--ff-only", "-q", commit);
            if (!r.ok()) {
                return "the base branch " + base + " is checked out in " + checkedOut.get().path()
                        + " and git refused to update it (" + GitCli.firstLine(r.stderr() + r.stdoutText(), "merge failed")
                        + "); commit or stash the changes there";
            }
            return null;
        }
        r = git.run("update-ref", "-m", reason, "refs/heads/" + base, commit, expected);
        return r.ok() ? null : "the base branch " + base + " moved while finishing (" + GitCli.firstLine(r.stderr(), "")
                + "); run finish again";
    }

    private static Exec.Result check(Exec.Result r, String what) {
        if (!r.ok()) {
            throw new GitException(GitCli.firstLine(r.stderr(), "git " + what + " failed with exit code " + r.exitCode()));
        }
        return r;
    }
}
