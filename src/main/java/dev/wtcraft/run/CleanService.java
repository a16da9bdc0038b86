package dev.wtcraft.run;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.StateCodec;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.contract.TaskState;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.git.WorktreeEntry;
import dev.wtcraft.process.DiskUsage;
import dev.wtcraft.io.Trash;

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
    /** What clean does to one task worktree; {@code bytes} is measured for the worktrees it removes. */
    public record Decision(String task, Path worktree, String action, String reason, boolean deletesBranch,
                           long bytes) {
        Decision(String task, Path worktree, String action, String reason) {
            this(task, worktree, action, reason, false, 0);
        }

        public boolean removes() {
            return action.equals("remove") || action.equals("would remove");
        }

        Decision measured(Map<Path, Long> bytes) {
            return new Decision(task, worktree, action, reason, deletesBranch, bytes.getOrDefault(worktree, 0L));
        }

        public Map<String, Object> toDocument() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", task);
            m.put("worktree", worktree.toString());
            m.put("action", action);
            m.put("reason", reason);
            m.put("branch", deletesBranch ? (action.startsWith("would") ? "would delete" : "delete") : "keep");
            m.put("size_bytes", bytes);
            return m;
        }
    }

    /**
     * The options of `wtcraft clean`; {@code keepRuns} is null when no run's ledger is to be removed, else how many
     * of the newest to keep.
     */
    public record Options(boolean mergedOnly, Duration olderThan, boolean dryRun, boolean force, Integer keepRuns) {
    }

    /**
     * What clean did (or would do): the worktrees, the runs (empty without --keep), and the bytes reclaimed, those
     * that an interrupted clean had left in the trash ({@code trashBytes}) included.
     */
    public record Result(List<Decision> worktrees, List<LedgerRetention.Decision> runs, long reclaimedBytes, long trashBytes) {
        public long removedWorktrees() {
            return worktrees.stream().filter(Decision::removes).count();
        }

        public long removedRuns() {
            return runs.stream().filter(LedgerRetention.Decision::removes).count();
        }

        public Map<String, Object> toDocument() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("worktrees", worktrees.stream().map(Decision::toDocument).toList());
            m.put("runs", runs.stream().map(LedgerRetention.Decision::toDocument).toList());
            m.put("reclaimed_bytes", reclaimedBytes);
            m.put("trash_bytes", trashBytes);
            return m;
        }
    }

    private CleanService() {
    }

    public static Result clean(RepoLayout layout, Options options) {
        GitCli git = new GitCli(layout.root());
        Trash trash = new Trash(LedgerRetention.trashDir(layout.root()));
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
            if (w.locked()) {
                out.add(new Decision(task, w.path(), "keep", "git has it locked ('git worktree unlock' it first)"));
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
        List<LedgerRetention.Decision> runs = options.keepRuns() == null ? List.of()
                : LedgerRetention.decide(layout.root(), options.keepRuns(), options.olderThan(), options.dryRun());
        // one measure of all that goes, before anything goes: a file hard-linked into several counts once
        List<Path> going = new ArrayList<>(trash.holdsAnything() ? List.of(trash.dir()) : List.of());
        out.stream().filter(Decision::removes).forEach(d -> going.add(d.worktree()));
        runs.stream().filter(LedgerRetention.Decision::removes).forEach(d -> going.add(d.ledger()));
        Map<Path, Long> bytes = DiskUsage.of(going);
        long trashBytes = bytes.getOrDefault(trash.dir(), 0L);
        out = out.stream().map(d -> d.removes() ? d.measured(bytes) : d).collect(java.util.stream.Collectors.toList());
        runs = runs.stream().map(d -> d.removes() ? d.measured(bytes) : d).toList();
        if (!options.dryRun()) {
            out = removeWorktrees(git, out, trash);
            runs = LedgerRetention.remove(runs, trash);
            try {
                trash.empty();
            } catch (java.io.IOException e) {
                throw WtcraftException.fatal("cannot empty " + trash.dir() + " (the next clean tries again): "
                        + e.getMessage());
            }
        }
        long reclaimed = trashBytes + out.stream().filter(Decision::removes).mapToLong(Decision::bytes).sum()
                + runs.stream().filter(LedgerRetention.Decision::removes).mapToLong(LedgerRetention.Decision::bytes).sum();
        return new Result(out, runs, reclaimed, trashBytes);
    }

    /**
     * Each worktree to remove is renamed into the trash first (its entry then reads as prunable, never as a
     * half-deleted checkout); where that cannot be done in one step, git removes it. Then the stale entries are
     * pruned and the branches deleted.
     */
    private static List<Decision> removeWorktrees(GitCli git, List<Decision> decisions, Trash trash) {
        List<Decision> out = new ArrayList<>();
        for (Decision d : decisions) {
            if (d.action().equals("remove")) {
                String failure = remove(git, d.worktree(), trash);
                if (failure != null) {
                    out.add(new Decision(d.task(), d.worktree(), "keep", "cannot remove it: " + failure));
                    continue;
                }
            }
            out.add(d);
        }
        git.run("worktree", "prune");
        for (Decision d : out) {
            if (d.deletesBranch()) {
                git.run("branch", "-D", d.task());
            }
        }
        return out;
    }

    /** Null once the worktree is gone from its place, else why it is not. */
    private static String remove(GitCli git, Path worktree, Trash trash) {
        try {
            if (trash.take(worktree).isPresent()) {
                return null;
            }
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
        var r = git.run("worktree", "remove", "--force", worktree.toString());
        return r.ok() ? null : GitCli.firstLine(r.stderr(), "git worktree remove failed");
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
        return new Decision(task, path, options.dryRun() ? "would " + action : action, reason, deletesBranch, 0);
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
