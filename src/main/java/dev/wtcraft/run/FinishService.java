package dev.wtcraft.run;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.Role;
import dev.wtcraft.contract.SignOff;
import dev.wtcraft.contract.SpecDigest;
import dev.wtcraft.contract.Stage;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.contract.TaskState;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.History;
import dev.wtcraft.git.Landing;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.git.WorkingTree;
import dev.wtcraft.git.WorktreeEntry;
import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.ledger.FinishRecord;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.LedgerDocument;
import dev.wtcraft.ledger.RunRecord;
import dev.wtcraft.ledger.RunHistory;
import dev.wtcraft.ledger.RunLedger;
import dev.wtcraft.task.TaskRecord;
import dev.wtcraft.task.TaskWorktree;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * `finish`: lands a ready task on its base (merge, squash or rebase), records the commit, and removes the
 * worktree and branch. Nothing on the base moves unless the task is ready and the result is clean.
 */
public final class FinishService {
    public record Options(Landing.Strategy strategy, boolean keep, boolean dryRun, String into) {
    }

    /** How one finish ended. */
    public enum Result {
        LANDED, WOULD_LAND, ALREADY_LANDED, NOT_READY, CONFLICT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean ok() {
            return switch (this) {
                case LANDED, WOULD_LAND, ALREADY_LANDED -> true;
                case NOT_READY, CONFLICT -> false;
            };
        }

        public int exitCode() {
            return switch (this) {
                case LANDED, WOULD_LAND, ALREADY_LANDED -> 0;
                case NOT_READY -> ExitCodes.NOT_READY;
                case CONFLICT -> ExitCodes.CONFLICT;
            };
        }
    }

    /** What finish did (or would do) for one task. */
    public record Outcome(Result result, String task, Path worktree, String branch, String base, String baseBefore,
                          String commit, Landing.Strategy strategy, List<String> reasons, List<String> conflicts,
                          boolean removed) {
        public Map<String, Object> toDocument() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", task);
            m.put("result", result.wire());
            m.put("worktree", worktree == null ? null : worktree.toString());
            m.put("branch", branch);
            m.put("base", base);
            m.put("strategy", strategy.wire());
            m.put("base_before", baseBefore);
            m.put("commit", commit);
            m.put("reasons", reasons);
            m.put("conflicts", conflicts);
            m.put("worktree_removed", removed);
            return m;
        }

        /** One line for people. */
        public String line() {
            String base = this.base == null ? "its base" : this.base;
            return switch (result) {
                case LANDED -> task + ": landed on " + base + " as " + shortId(commit) + " (" + strategy.wire() + ")"
                        + (removed ? "; worktree and branch removed" : "; worktree kept");
                case WOULD_LAND -> task + ": would land on " + base + " (" + strategy.wire() + ", "
                        + shortId(baseBefore) + " -> new commit " + shortId(commit) + "); nothing changed (--dry-run)";
                case ALREADY_LANDED -> task + ": already landed" + (commit == null ? "" : " as " + shortId(commit));
                case NOT_READY -> task + ": not ready: " + String.join("; ", reasons);
                case CONFLICT -> task + ": conflicts with " + base + " in " + String.join(", ", conflicts) + "; " + base
                        + " is untouched (rebase the task on it, check and verify again)";
            };
        }
    }

    private FinishService() {
    }

    static String shortId(String commit) {
        return commit == null ? "-" : commit.substring(0, Math.min(12, commit.length()));
    }

    public static Outcome finish(RepoLayout layout, TaskWorktree wt, Options o) {
        TaskRecord task = TaskRecord.load(wt, null);
        String branch = wt.entry().shortBranch();
        // the worktree's branch (from git) names the task; its state file is the engine's to write, not to trust
        String name = branch != null ? branch : task.state().taskId();
        SignOff signOff = SignOff.read(layout, branch);
        Landing landing = new Landing(layout.root());
        History refs = History.open(layout.root());
        String base = o.into() != null ? o.into() : signOff.landOn() != null ? signOff.landOn()
                : task.contract().base().orElse(null);
        List<String> reasons = new ArrayList<>();
        if (signOff.landed() != null) {
            return new Outcome(Result.ALREADY_LANDED, name, wt.path(), branch, base, null,
                    signOff.landed().commit(), o.strategy(), List.of(), List.of(), false);
        }
        if (branch == null) {
            reasons.add("its worktree is on a detached HEAD; finish lands a branch");
        }
        if (base == null || !refs.hasRef("refs/heads/" + base)) {
            reasons.add(base == null ? "its contract names no base; pass --into BRANCH"
                    : "its base '" + base + "' is not a branch; pass --into BRANCH");
        } else if (base.equals(branch)) {
            reasons.add("it cannot land on its own branch; pass --into BRANCH");
        }
        String snapshot = new WorkingTree(wt.path(), TaskFiles::isLocalTaskFile).snapshot(SpecDigest.of(task.contract()));
        reasons.addAll(signOff.problems(task.contract(), snapshot, name));
        if (!reasons.isEmpty()) {
            return new Outcome(Result.NOT_READY, name, wt.path(), branch, base, null, null, o.strategy(), reasons,
                    List.of(), false);
        }
        String baseBefore = refs.resolveCommit(base).orElseThrow();
        String taskCommit = landing.pendingWork(wt.path(), "wtcraft: " + name + " (work left uncommitted, committed by finish)",
                TaskFiles.LOCAL);
        Landing.Prepared prepared = landing.prepare(o.strategy(), baseBefore, taskCommit, message(o.strategy(), name,
                base, objective(task.contract().file())));
        if (!prepared.clean()) {
            return new Outcome(Result.CONFLICT, name, wt.path(), branch, base, baseBefore, null, o.strategy(),
                    List.of(prepared.detail()), prepared.conflicts(), false);
        }
        if (o.dryRun()) {
            return new Outcome(Result.WOULD_LAND, name, wt.path(), branch, base, baseBefore, prepared.commit(),
                    o.strategy(), List.of(prepared.detail()), List.of(), false);
        }
        GitCli git = new GitCli(wt.path());
        String head = git.text("rev-parse", "HEAD").strip();
        if (!taskCommit.equals(head)) {
            git.text("update-ref", "-m", "wtcraft finish: commit pending work", "refs/heads/" + branch, taskCommit, head);
            git.text("reset", "-q");
        }
        TaskState before = task.state();
        task.save(before.edit().stage(Stage.FINISHING).role(Role.FINISHER).build(Instant.now()));
        String refused = landing.advance(layout, base, baseBefore, prepared.commit(), "wtcraft finish " + name);
        if (refused != null) {
            task.save(before.edit().build(Instant.now()));
            return new Outcome(Result.NOT_READY, name, wt.path(), branch, base, baseBefore, null, o.strategy(),
                    List.of(refused), List.of(), false);
        }
        Instant now = Instant.now();
        task.save(task.state().edit().stage(Stage.DONE).role(Role.NONE)
                .extra(SignOff.LANDED_COMMIT, prepared.commit()).extra(SignOff.LANDED_INTO, base)
                .extra(SignOff.LANDED_STRATEGY, o.strategy().wire()).extra(SignOff.LANDED_AT, TaskState.timestamp(now))
                .build(now));
        Outcome landed = new Outcome(Result.LANDED, name, wt.path(), branch, base, baseBefore, prepared.commit(),
                o.strategy(), List.of(prepared.detail()), List.of(), !o.keep());
        SignOff.update(layout, branch, s -> s.withLanded(new SignOff.Landed(prepared.commit(), base,
                o.strategy().wire(), TaskState.timestamp(now))));
        record(layout, signOff.runId(), landed, now);
        if (!o.keep()) {
            String tip = refs.resolveCommit("refs/heads/" + branch).orElse(taskCommit);
            repointDependents(layout, wt.path(), branch, tip);
            new GitCli(layout.root()).run("worktree", "remove", "--force", wt.path().toString());
            new GitCli(layout.root()).run("worktree", "prune");
            new GitCli(layout.root()).run("branch", "-D", branch);
            SignOff.remove(layout, branch);
            dev.wtcraft.contract.SetupMade.remove(layout, branch);
        }
        return landed;
    }

    private static String message(Landing.Strategy strategy, String task, String base, String title) {
        String subject = switch (strategy) {
            case MERGE -> "Merge task " + task + " into " + base;
            case SQUASH -> task + ": " + (title == null || title.isBlank() ? "the task's work" : title);
            case REBASE -> task; // rebase keeps the task's own commits and messages
        };
        return subject + "\n\nLanded by wtcraft finish --strategy " + strategy.wire() + ".\n";
    }

    /** The first line of the contract's Objective, for a squashed commit's subject. */
    static String objective(Path contract) {
        try {
            List<String> lines = dev.wtcraft.contract.TaskFileReader.read(contract, "contract").lines().toList();
            boolean in = false;
            for (String line : lines) {
                if (line.startsWith("## ")) {
                    in = line.substring(3).strip().equals("Objective");
                } else if (in && !line.isBlank()) {
                    String t = line.strip();
                    return t.length() > 72 ? t.substring(0, 69) + "..." : t;
                }
            }
        } catch (dev.wtcraft.contract.TaskFileException e) {
            // the subject falls back to a generic one
        }
        return null;
    }

    /**
     * Another task that started from this one's branch names it as its base; the branch is about to go, so that
     * contract names the commit instead (the same merge-base, so its check reads the same).
     */
    private static void repointDependents(RepoLayout layout, Path self, String branch, String tip) {
        for (WorktreeEntry e : layout.linked()) {
            Path contract = e.path().resolve(TaskFiles.TASK_FILE);
            if (e.path().equals(self) || !Files.isRegularFile(contract)) {
                continue;
            }
            String text;
            try {
                text = dev.wtcraft.contract.TaskFileReader.read(contract, "contract");
            } catch (dev.wtcraft.contract.TaskFileException ex) {
                continue; // a contract that cannot be trusted is that task's problem; its own finish says so
            }
            String changed = text.replaceFirst("(?m)^base: " + java.util.regex.Pattern.quote(branch) + "[ \\t]*$",
                    java.util.regex.Matcher.quoteReplacement("base: " + tip));
            if (!changed.equals(text)) {
                dev.wtcraft.io.AtomicFiles.write(contract, changed);
            }
        }
    }

    /** The landing goes into the repository's landings log, and into the run's ledger when a run made the task. */
    private static void record(RepoLayout layout, String runId, Outcome landed, Instant at) {
        FinishRecord record = new FinishRecord(LedgerDocument.SCHEMA_VERSION, landed.task(), landed.result().wire(),
                landed.worktree() == null ? null : landed.worktree().toString(), landed.branch(), landed.base(),
                landed.strategy().wire(), landed.baseBefore(), landed.commit(), landed.reasons(), landed.conflicts(),
                landed.removed(), runId, at);
        Map<String, Object> doc = LedgerCodec.fields(record);
        try (EventLog log = new EventLog(layout.root().resolve(RunLedger.RUNS_DIR).resolve("landings.jsonl"))) {
            log.append("task.landed", doc);
        }
        if (runId == null) {
            return;
        }
        RunLedger ledger = RunLedger.find(layout.root(), runId).orElse(null);
        if (ledger == null) {
            return;
        }
        var tl = ledger.task(landed.task());
        tl.write("finish.json", record);
        try (EventLog events = tl.openEvents()) {
            events.append("task.landed", doc);
        }
        ledger.update(run -> {
            RunRecord.Task entry = run.tasks().get(landed.task());
            return entry == null ? run : run.withTask(landed.task(), entry.withLanded(
                    new RunRecord.Landed(landed.commit(), landed.base(), landed.strategy().wire(), at)));
        });
    }

    /**
     * `finish --all`: every task of a run, in the run's (dependency) order. Landed ones are passed over; a task that
     * cannot land is skipped with its reasons, and so is every task that depends on it (its branch carries the
     * unlanded work), while the independent ones land. With {@code stopAtFirst} the first that cannot land stops
     * the rest.
     */
    public static List<Outcome> finishAll(RepoLayout layout, String runId, Options o, boolean stopAtFirst,
                                          Consumer<Outcome> progress) {
        RunHistory history = new RunHistory(layout.root());
        RunRecord run = history.run(runId);
        if (run.tasks().isEmpty()) {
            throw WtcraftException.fatal("run " + runId + " has no tasks to finish");
        }
        List<Outcome> out = new ArrayList<>();
        java.util.Set<String> notLanded = new java.util.HashSet<>();
        for (Map.Entry<String, RunRecord.Task> t : run.tasks().entrySet()) {
            String name = t.getKey();
            RunRecord.Task entry = t.getValue();
            List<String> blockedBy = dependsOn(history, runId, name).stream().filter(notLanded::contains).toList();
            Outcome outcome;
            if (entry.landed() != null) {
                RunRecord.Landed landed = entry.landed();
                outcome = new Outcome(Result.ALREADY_LANDED, name, null, name, landed.into(), null,
                        landed.commit(), o.strategy(), List.of(), List.of(), false);
            } else if (!blockedBy.isEmpty()) {
                outcome = new Outcome(Result.NOT_READY, name, null, name, null, null, null, o.strategy(),
                        List.of("it depends on " + String.join(", ", blockedBy) + ", which did not land"),
                        List.of(), false);
            } else {
                RepoLayout now = RepoLayout.locate(layout.root());
                Path path = now.worktreesDir().resolve(name);
                var wt = now.linked().stream().filter(e -> e.path().equals(path)).findFirst();
                if (wt.isEmpty() || !Files.isRegularFile(path.resolve(TaskFiles.TASK_FILE))) {
                    outcome = new Outcome(Result.NOT_READY, name, path, name, null, null, null, o.strategy(),
                            List.of("it ended " + entry.outcome().wire() + " and its worktree " + path + " is gone"),
                            List.of(), false);
                } else {
                    outcome = finishOne(now, new TaskWorktree(now, wt.get()), o, name);
                }
            }
            out.add(outcome);
            progress.accept(outcome);
            if (!outcome.result().ok()) {
                notLanded.add(name);
                if (stopAtFirst) {
                    break;
                }
            }
        }
        return out;
    }

    /** One task of `finish --all`: a task whose own files cannot be trusted is not ready; the others go on. */
    private static Outcome finishOne(RepoLayout layout, TaskWorktree wt, Options o, String name) {
        try {
            return finish(layout, wt, o);
        } catch (dev.wtcraft.contract.TaskFileException e) {
            return new Outcome(Result.NOT_READY, name, wt.path(), name, null, null, null, o.strategy(),
                    List.of("its contract or state file cannot be trusted: " + e.getMessage()), List.of(), false);
        }
    }

    /** The tasks one task of a run depended on, as its meta.json records them. */
    private static List<String> dependsOn(RunHistory history, String runId, String task) {
        return dev.wtcraft.ledger.TaskLedger.at(history.dir(runId).resolve("tasks").resolve(task))
                .read("meta.json", dev.wtcraft.ledger.TaskMeta.class).map(dev.wtcraft.ledger.TaskMeta::dependsOn)
                .orElse(List.of());
    }
}
