package dev.wtcraft.ci;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.Trees;
import dev.wtcraft.ledger.CiRecord;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.LedgerDocument;
import dev.wtcraft.ledger.RunLedger;
import dev.wtcraft.ledger.RunRecord;
import dev.wtcraft.ledger.Spend;
import dev.wtcraft.ledger.TaskOutcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * `ledger collect`: the ledgers of one workflow run's task jobs, each `run --task NAME --ci` of one task, as one run
 * of this repository, with the same documents a local run has. Every task's folder is its job's; run.json is theirs
 * merged; what the landing job needs of each task (its record, contract and sign-off) is under `ci/<task>/`.
 * Ledgers of another recipe or another base are refused before anything is written, naming the file.
 */
public final class LedgerCollect {
    /** The folder of a collected run that holds each task's CI record, contract and sign-off. */
    public static final String CI_DIR = "ci";
    static final String NO_LEDGER = "its job left no ledger (a job it needs failed, or the workflow was cancelled)";

    private LedgerCollect() {
    }

    /** One job's ledger directory, read. */
    record Job(Path dir, CiRecord ci, RunRecord run) {
    }

    /** The collected run: its id and directory, and how many task ledgers went into it. */
    public record Collected(String runId, Path dir, int ledgers, RunRecord run) {
    }

    /**
     * @param order the recipe's tasks in plan order, when the recipe could be read (a task no job left a ledger for
     *              is then recorded skipped); else empty, and the tasks keep the order of {@code dirs}
     */
    public static Collected collect(Path repoRoot, List<Path> dirs, List<String> order) {
        if (dirs.isEmpty()) {
            throw WtcraftException.fatal("give the ledger directories to collect (each one a task job's --ledger-out)");
        }
        List<Job> jobs = new ArrayList<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Path dir : dirs) {
            Job job = read(dir);
            Job first = jobs.isEmpty() ? job : jobs.get(0);
            if (!first.run().recipeSha256().equals(job.run().recipeSha256())) {
                throw WtcraftException.fatal(dir.resolve("run.json") + " is a run of another recipe (sha256 "
                        + job.run().recipeSha256() + ", not " + first.run().recipeSha256() + " as in "
                        + first.dir().resolve("run.json") + "): collect the ledgers of one workflow run");
            }
            if (!java.util.Objects.equals(first.run().baseCommit(), job.run().baseCommit())) {
                throw WtcraftException.fatal(dir.resolve("run.json") + " ran on another base (commit "
                        + job.run().baseCommit() + ", not " + first.run().baseCommit() + " as in "
                        + first.dir().resolve("run.json") + "): collect the ledgers of one workflow run");
            }
            Path before = seen.put(job.ci().task(), dir);
            if (before != null) {
                throw WtcraftException.fatal("two ledgers of task " + job.ci().task() + ": " + before + " and " + dir
                        + " (give each job's ledger once)");
            }
            jobs.add(job);
        }
        Map<String, Job> byTask = new LinkedHashMap<>();
        jobs.forEach(j -> byTask.put(j.ci().task(), j));
        List<String> names = new ArrayList<>(order);
        byTask.keySet().stream().filter(t -> !names.contains(t)).forEach(names::add);

        Map<String, RunRecord.Task> tasks = new LinkedHashMap<>();
        Spend total = Spend.NONE;
        Map<String, Spend> byEngine = new TreeMap<>();
        Instant started = null;
        Instant finished = null;
        for (String name : names) {
            Job j = byTask.get(name);
            if (j == null) {
                tasks.put(name, new RunRecord.Task(TaskOutcome.SKIPPED, 0, NO_LEDGER, null, Map.of(), Spend.NONE, null));
                continue;
            }
            tasks.put(name, j.run().tasks().get(name));
            total = total.plus(j.run().tasks().get(name).spend());
            j.run().spend().byEngine().forEach((e, s) -> byEngine.merge(e, s, Spend::plus));
            started = started == null || j.run().startedAt().isBefore(started) ? j.run().startedAt() : started;
            if (j.run().finishedAt() != null && (finished == null || j.run().finishedAt().isAfter(finished))) {
                finished = j.run().finishedAt();
            }
        }
        RunRecord first = jobs.get(0).run();
        String runId = RunLedger.newId(Instant.now());
        Path runDir = repoRoot.resolve(RunLedger.RUNS_DIR).resolve(runId);
        int exit = TaskOutcome.runExitCode(tasks.values().stream().map(RunRecord.Task::outcome).toList());
        RunRecord run = new RunRecord(LedgerDocument.SCHEMA_VERSION, runId, first.recipe(), first.recipeSha256(),
                first.baseCommit(), started, null, finished, null, exit, new RunRecord.SpendReport(total, byEngine),
                first.libraries(), null, tasks);
        Path staging = runDir.resolveSibling("." + runId + ".collecting");
        try {
            for (Job j : jobs) {
                String task = j.ci().task();
                Path from = j.dir().resolve("tasks").resolve(task);
                if (Trees.isRealDirectory(from)) {
                    Trees.copy(from, staging.resolve("tasks").resolve(task));
                }
                Path ci = staging.resolve(CI_DIR).resolve(task);
                Files.createDirectories(ci);
                Files.copy(j.dir().resolve(CiRecord.FILE), ci.resolve(CiRecord.FILE));
                Path signOff = j.dir().resolve(CiTask.SIGNOFF_FILE);
                if (Files.isRegularFile(signOff, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(signOff, ci.resolve(CiTask.SIGNOFF_FILE));
                }
                if (Trees.isRealDirectory(j.dir().resolve(CiTask.WORKTREE_DIR))) {
                    Trees.copy(j.dir().resolve(CiTask.WORKTREE_DIR), ci.resolve(CiTask.WORKTREE_DIR));
                }
            }
            Files.createDirectories(staging.resolve("tasks"));
            LedgerCodec.write(staging.resolve("run.json"), run);
            // the run directory appears whole or not at all
            Files.move(staging, runDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the collected run " + runDir + ": " + e.getMessage(), e);
        } finally {
            if (Files.exists(staging)) {
                trash(staging);
            }
        }
        return new Collected(runId, runDir, jobs.size(), run);
    }

    /** Copies a collected run to {@code out} (for an artifact), which must not exist yet or be empty. */
    public static void export(Path runDir, Path out) {
        Trees.requireNewOrEmpty(out, "--export");
        Trees.copy(runDir, out);
    }

    private static Job read(Path dir) {
        if (!Trees.isRealDirectory(dir)) {
            throw WtcraftException.fatal(dir + " is not a directory: give the directories each task job wrote"
                    + " with --ledger-out");
        }
        Path ciFile = dir.resolve(CiRecord.FILE);
        if (!Files.isRegularFile(ciFile, LinkOption.NOFOLLOW_LINKS)) {
            throw WtcraftException.fatal(dir + " is not a CI task's ledger: it has no " + CiRecord.FILE
                    + " ('wtcraft run --task NAME --ci --ledger-out DIR' writes one)");
        }
        CiRecord ci = LedgerCodec.read(ciFile, CiRecord.class);
        RunRecord run = LedgerCodec.read(dir.resolve("run.json"), RunRecord.class);
        if (ci.task() == null || !run.tasks().containsKey(ci.task())) {
            throw WtcraftException.fatal(ciFile + " names task " + ci.task() + ", which " + dir.resolve("run.json")
                    + " does not have");
        }
        if (!java.util.Objects.equals(ci.recipeSha256(), run.recipeSha256())) {
            throw WtcraftException.fatal(ciFile + " and " + dir.resolve("run.json") + " name different recipes");
        }
        return new Job(dir, ci, run);
    }

    private static void trash(Path tree) {
        try {
            dev.wtcraft.io.Trash.delete(tree);
        } catch (IOException e) {
            // a leftover staging folder starts with a dot and holds no run.json: no reader takes it for a run
        }
    }
}
