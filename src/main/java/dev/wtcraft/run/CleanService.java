package dev.wtcraft.run;

import dev.wtcraft.contract.StateCodec;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.contract.TaskState;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.git.WorktreeEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `clean`: removes the worktrees and branches of finished tasks under `worktrees/`, and prunes stale worktree
 * entries. Never one whose task a live runner holds; never, unless forced, one with uncommitted work or a branch
 * holding commits that are on no other branch.
 */
public final class CleanService {
    /** What clean does to one task worktree. */
    public record Decision(String task, Path worktree, String action, String reason, boolean deletesBranch) {
        Decision(String task, Path worktree, String action, String reason) {
            this(task, worktree, action, reason, action.endsWith("remove"));
        }

        public Map<String, Object> toDocument() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", task);
            m.put("worktree", worktree.toString());
            m.put("action", action);
            m.put("reason", reason);
            m.put("branch", deletesBranch ? (action.startsWith("would") ? "would delete" : "delete") : "keep");
            return m;
        }
    }

    /** The options of `wtcraft clean`. */
    public record Options(boolean mergedOnly, Duration olderThan, boolean dryRun, boolean force) {
    }

    private CleanService() {
    }

    public static List<Decision> clean(RepoLayout layout, Options options) {
        GitCli git = new GitCli(layout.root());
        TaskLeases leases = new TaskLeases(layout.root());
        List<Decision> out = new ArrayList<>();
        for (WorktreeEntry w : layout.linked()) {
            if (!w.path().startsWith(layout.worktreesDir()) || w.shortBranch() == null) {
                continue;
            }
            String task = w.shortBranch();
            Optional<TaskLeases.Holder> holder = leases.read(task);
            if (w.prunable()) {
                long unique = options.force() ? 0 : uniqueCommits(git, task);
                out.add(unique == 0 ? decide(options, task, w.path(), "prune", "its directory is gone", true)
                        : decide(options, task, w.path(), "prune", "its directory is gone; its branch is kept: "
                        + held(unique), false));
                continue;
            }
            if (holder.isPresent() && holder.get().alive()) {
                out.add(new Decision(task, w.path(), "keep", "it is running in " + holder.get()));
                continue;
            }
            Optional<TaskState> state = readState(w.path());
            String base = readBase(w.path());
            if (options.mergedOnly() && (base == null || !git.succeeds("merge-base", "--is-ancestor", w.branch(), base))) {
                out.add(new Decision(task, w.path(), "keep", base == null ? "its base is unknown" : "not merged into " + base));
                continue;
            }
            if (options.olderThan() != null) {
                Instant last = state.map(s -> Instant.parse(s.updatedAt())).orElse(lastModified(w.path()));
                if (last.isAfter(Instant.now().minus(options.olderThan()))) {
                    out.add(new Decision(task, w.path(), "keep", "touched " + last + ", within --older-than"));
                    continue;
                }
            }
            if (!options.force() && uncommitted(w.path())) {
                out.add(new Decision(task, w.path(), "keep", "it has uncommitted work (--force removes it anyway)"));
                continue;
            }
            long unique = options.force() ? 0 : uniqueCommits(git, task);
            if (unique != 0) {
                out.add(new Decision(task, w.path(), "keep", held(unique)));
                continue;
            }
            out.add(decide(options, task, w.path(), "remove", state.map(s -> "stage " + s.stage().wire()).orElse("finished"),
                    true));
        }
        if (!options.dryRun()) {
            for (Decision d : out) {
                if (d.action().equals("remove")) {
                    git.run("worktree", "remove", "--force", d.worktree().toString());
                }
            }
            git.run("worktree", "prune");
            for (Decision d : out) {
                if (d.deletesBranch()) {
                    git.run("branch", "-D", d.task());
                }
            }
        }
        return out;
    }

    /**
     * How many commits of the task's branch no other branch, remote-tracking branch or tag holds (-1 when git cannot
     * say): deleting the branch would lose them.
     */
    static long uniqueCommits(GitCli git, String branch) {
        var r = git.run("rev-list", "--count", "refs/heads/" + branch, "--not", "--exclude=" + branch, "--branches",
                "--remotes", "--tags");
        if (r.exitCode() != 0) {
            return -1;
        }
        try {
            return Long.parseLong(r.stdoutText().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Decision decide(Options options, String task, Path path, String action, String reason,
                                   boolean deletesBranch) {
        return new Decision(task, path, options.dryRun() ? "would " + action : action, reason, deletesBranch);
    }

    private static String held(long unique) {
        return unique < 0 ? "its branch cannot be read (--force removes it anyway)"
                : "its branch holds " + unique + (unique == 1 ? " commit" : " commits")
                + " on no other branch (land it with finish, or --force removes it anyway)";
    }

    /** Uncommitted changes, the tool's own local files aside. */
    static boolean uncommitted(Path worktree) {
        var r = new GitCli(worktree).run("status", "--porcelain", "-z", "--untracked-files=all");
        for (byte[] raw : GitCli.splitNul(r.stdout())) {
            String entry = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
            String path = entry.length() > 3 ? entry.substring(3) : entry;
            if (!TaskFiles.isLocalTaskFile(path)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<TaskState> readState(Path worktree) {
        try {
            return StateCodec.read(worktree.resolve(TaskFiles.STATE_FILE));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String readBase(Path worktree) {
        try {
            return dev.wtcraft.contract.ContractParser.read(worktree.resolve(TaskFiles.TASK_FILE)).base().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (java.io.IOException e) {
            return Instant.now();
        }
    }
}
